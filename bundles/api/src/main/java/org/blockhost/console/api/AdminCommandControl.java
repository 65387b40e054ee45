package org.blockhost.console.api;

import java.util.List;
import java.util.Map;

import org.blockhost.engine.api.ChainUnavailableException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Admin commands from the admin console: the settings the setup wizard's "Admin commands" page
 * asks for (same checks, same stored answers, applied live), a knock prepared for the admin
 * wallet to send, and the commands core has carried out or refused.
 */
@ProviderType
public interface AdminCommandControl {

    /** Field names of {@link #update}'s problems. */
    String ENABLED = "enabled";
    String PORTS = "ports";
    String MAX_TTL = "maxTtl";

    /**
     * What admin commands may do now.
     *
     * @param enabled whether a knock is carried out (and the base ruleset closes the management ports)
     * @param knockPorts the ports a knock may open
     * @param knockMaxTtlSeconds the longest opening
     */
    record Settings(boolean enabled, List<Integer> knockPorts, int knockMaxTtlSeconds) {
        public Settings {
            knockPorts = List.copyOf(knockPorts);
        }
    }

    /** A knock: open {@code ports} ({@code tcp} or {@code udp}) for {@code source} for {@code ttlSeconds}. */
    record Knock(List<Integer> ports, String source, int ttlSeconds, String proto) {
        public Knock {
            ports = List.copyOf(ports);
        }
    }

    /**
     * A prepared command: the admin wallet sends {@code data} to {@code to}; core records it under
     * the wallet's address and {@code nonce} once the chain delivers it.
     */
    record Prepared(long nonce, long expires, String to, String data) {
    }

    /**
     * One command core received: {@code status} {@code received}, {@code started}, {@code done},
     * {@code refused}, {@code failed} or {@code interrupted}; {@code result} a sentence without secrets.
     */
    record CommandRecord(String sender, long nonce, String command, String status, String result, long seenAt,
            Long finishedAt) {
    }

    /** The settings in force. */
    Settings settings();

    /**
     * Checks and applies new settings (answers as on the wizard page: {@code enabled} {@code on|off},
     * {@code ports} comma-separated, {@code maxTtl} seconds).
     *
     * @return the problems by field ({@link #ENABLED}, {@link #PORTS}, {@link #MAX_TTL}); empty: saved and applied
     * @throws IllegalStateException the configuration could not be written; nothing changed
     */
    Map<String, String> update(String enabled, String ports, String maxTtl);

    /**
     * Checks a knock against the settings and prepares it through the active engine.
     *
     * @throws IllegalArgumentException the knock does not fit the settings (the message says why)
     * @throws IllegalStateException admin commands are off
     * @throws ChainUnavailableException no engine can prepare it now
     */
    Prepared prepareKnock(Knock knock) throws ChainUnavailableException;

    /** The latest commands received, newest first (limit 1..200). */
    List<CommandRecord> records(int limit);
}
