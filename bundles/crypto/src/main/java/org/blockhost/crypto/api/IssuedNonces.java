package org.blockhost.crypto.api;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-memory {@link NonceStore}: {@link #issue()} hands out random nonces that stay valid for a
 * time to live, and {@link #consume} removes one atomically, so each is accepted at most once.
 * At most {@code capacity} nonces are outstanding; expired ones are dropped when a new one is
 * issued. Thread-safe.
 */
public final class IssuedNonces implements NonceStore {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int LENGTH = 17; /* > 96 bits, the EIP-4361 recommendation */

    private final ConcurrentMap<String, Instant> live = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration ttl;
    private final int capacity;
    private final Clock clock;

    /** @throws IllegalArgumentException if {@code ttl} is not positive or {@code capacity} &lt; 1 */
    public IssuedNonces(Duration ttl, int capacity, Clock clock) {
        if (ttl == null || ttl.isZero() || ttl.isNegative() || capacity < 1 || clock == null) {
            throw new IllegalArgumentException("IssuedNonces needs a positive ttl, a capacity of at least 1 and a clock");
        }
        this.ttl = ttl;
        this.capacity = capacity;
        this.clock = clock;
    }

    /**
     * A fresh nonce for a SIWE message.
     *
     * @throws IllegalStateException when {@code capacity} unexpired nonces are outstanding
     */
    public String issue() {
        Instant now = clock.instant();
        live.values().removeIf(expiry -> !now.isBefore(expiry));
        if (live.size() >= capacity) {
            throw new IllegalStateException("too many outstanding SIWE nonces; try again later");
        }
        String nonce;
        do {
            nonce = randomNonce();
        } while (live.putIfAbsent(nonce, now.plus(ttl)) != null);
        return nonce;
    }

    @Override
    public boolean consume(String nonce) {
        if (nonce == null) {
            return false;
        }
        Instant expiry = live.remove(nonce);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    private String randomNonce() {
        char[] out = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
