package org.blockhost.engine.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Wallet address syntax of a chain. Implementations are pure functions: thread-safe, no I/O.
 */
@ConsumerType
public interface AddressFormat {

    /** A regular expression that every syntactically valid address matches (any case). */
    String pattern();

    /**
     * Returns the canonical form of an address (EIP-55 mixed case for EVM).
     *
     * @throws IllegalArgumentException when the input is not an address of this chain, or carries
     *     a checksum that does not match; the message says which
     */
    String normalise(String address);

    /** Whether {@link #normalise} would accept the input. */
    default boolean isValid(String address) {
        try {
            normalise(address);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
