package org.blockhost.engine.api;

import java.util.Objects;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * How an admin command reaches this host through the chain, for a sender that signs in a browser:
 * the engine encrypts the command for the host (only the host can read it) and answers the
 * transaction the admin wallet sends itself. The host never holds the admin's key. Registered by
 * an engine bundle with the {@link EngineId} property.
 */
@ConsumerType
public interface AdminCommandChannel {

    /**
     * The transaction that carries one command from the admin wallet.
     *
     * @param command the command's name as configured on the host ({@code [a-z][a-z0-9_.-]{0,63}})
     * @param paramsJson the command's parameters as a compact JSON object
     * @param nonce unique per command of this admin (a millisecond clock), at least 1
     * @param expires unix seconds after which the host ignores the command
     * @throws ChainUnavailableException the engine is not ready to encrypt for this host
     */
    Transaction prepare(String command, String paramsJson, long nonce, long expires) throws ChainUnavailableException;

    /** Send {@code data} to {@code to} with no value. */
    record Transaction(String to, String data) {
        public Transaction {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(data, "data");
        }
    }
}
