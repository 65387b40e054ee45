package org.blockhost.crypto.api;

/**
 * Single-use SIWE nonces. {@link Siwe#verify} calls {@link #consume} last, once every other check
 * has passed, so a replayed message (or a second of two concurrent submissions) is refused.
 * {@link IssuedNonces} is the in-memory implementation; a relying party with several processes
 * backs this with its shared store.
 */
@FunctionalInterface
public interface NonceStore {
    /**
     * Atomically uses up {@code nonce}: true exactly once for a nonce this store issued and has not
     * expired, false for an unknown, expired or already used one.
     */
    boolean consume(String nonce);
}
