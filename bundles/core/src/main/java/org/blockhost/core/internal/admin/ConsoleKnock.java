package org.blockhost.core.internal.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.blockhost.console.api.AdminCommandControl.Knock;

/**
 * A knock from the admin console, checked before anything is prepared with the rules
 * {@link KnockAction} applies when it arrives (allowed ports, ttl, source never "anyone").
 */
final class ConsoleKnock {
    /** How long a prepared command stays valid: time enough to confirm it in a wallet and reach finality. */
    static final long VALID_SECONDS = 3600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsoleKnock() {
    }

    /** The configured name of the knock command (the first by name), empty when none: admin commands are off. */
    static Optional<String> commandName(AdminSettings s) {
        return s.commands().entrySet().stream().filter(e -> "knock".equals(e.getValue())).map(e -> e.getKey())
                .min(Comparator.naturalOrder());
    }

    /** The knock's {@code params} as compact JSON; IllegalArgumentException with a sentence when it does not fit. */
    static String params(Knock k, KnockSettings s) {
        if (k.ports().isEmpty() || k.ports().size() > 16) {
            throw new IllegalArgumentException("Choose at least one port to open.");
        }
        TreeSet<Integer> ports = new TreeSet<>(k.ports());
        for (int p : ports) {
            if (!s.ports().contains(p)) {
                throw new IllegalArgumentException("Port " + p + " may not be opened by a knock; allowed: "
                        + s.ports().stream().sorted().toList() + ".");
            }
        }
        if (k.ttlSeconds() < 1 || k.ttlSeconds() > s.maxTtlSeconds()) {
            throw new IllegalArgumentException("The opening lasts 1 to " + s.maxTtlSeconds() + " seconds.");
        }
        String source = k.source() == null ? "" : k.source().strip().toLowerCase(java.util.Locale.ROOT);
        if (!KnockAction.validSource(source)) {
            throw new IllegalArgumentException("The source is one IPv4 or IPv6 address, or a prefix of at least /24"
                    + " (IPv4) or /48 (IPv6); never everyone.");
        }
        String proto = k.proto() == null || k.proto().isBlank() ? "tcp" : k.proto();
        if (!List.of("tcp", "udp").contains(proto)) {
            throw new IllegalArgumentException("The protocol is tcp or udp.");
        }
        ObjectNode params = JSON.createObjectNode();
        ports.forEach(params.putArray("ports")::add);
        params.put("source", source).put("ttl", k.ttlSeconds());
        if (!proto.equals("tcp")) {
            params.put("proto", proto);
        }
        return params.toString();
    }
}
