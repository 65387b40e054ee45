package org.blockhost.web.internal.admin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Single-use sign-in nonces, 5 minutes each (EIP-4361: alphanumeric, at least 8 characters). */
public final class Nonces {
    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int MAX = 10_000;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> live = new ConcurrentHashMap<>();
    private final Clock clock;

    public Nonces(Clock clock) {
        this.clock = clock;
    }

    /** A new nonce (22 characters, ~131 bits). */
    public String issue() {
        Instant now = clock.instant();
        live.values().removeIf(expiry -> expiry.isBefore(now));
        if (live.size() >= MAX) {
            throw new IllegalStateException("too many sign-in nonces outstanding");
        }
        StringBuilder b = new StringBuilder(22);
        for (int i = 0; i < 22; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        live.put(b.toString(), now.plus(LIFETIME));
        return b.toString();
    }

    /** Uses up a nonce: true once for a nonce issued here less than 5 minutes ago, then never again. */
    public boolean consume(String nonce) {
        Instant expiry = nonce == null ? null : live.remove(nonce);
        return expiry != null && !expiry.isBefore(clock.instant());
    }
}
