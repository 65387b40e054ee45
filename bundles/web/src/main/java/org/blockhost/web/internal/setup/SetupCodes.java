package org.blockhost.web.internal.setup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The setup code: 6 characters from A–Z and 2–9 without look-alikes (no I, L, O, 0, 1), valid 4
 * hours; after 10 wrong tries a new code replaces it. Only a salted SHA-256 of the code is kept.
 */
public final class SetupCodes {
    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 6;
    static final int MAX_WRONG = 10;
    static final Duration LIFETIME = Duration.ofHours(4);

    /** The outcome of a try; {@code replacement} is the new code after too many wrong tries. */
    public record Outcome(boolean ok, String reason, String replacement) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private byte[] salt = new byte[0];
    private byte[] hash = new byte[0];
    private Instant expires = Instant.EPOCH;
    private int wrong;

    public SetupCodes(Clock clock) {
        this.clock = clock;
    }

    /** Makes a new code (the old one stops working) and returns it; only its hash is kept. */
    public synchronized String issue() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        salt = new byte[16];
        random.nextBytes(salt);
        hash = digest(salt, code.toString());
        expires = clock.instant().plus(LIFETIME);
        wrong = 0;
        return code.toString();
    }

    /** Checks an entered code; it stays valid for further sessions until it expires or is replaced. */
    public synchronized Outcome check(String entered) {
        if (hash.length == 0) {
            return new Outcome(false, "no setup code has been issued", null);
        }
        if (clock.instant().isAfter(expires)) {
            return new Outcome(false, "the setup code expired", null);
        }
        String normal = entered == null ? "" : entered.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (normal.length() == LENGTH && MessageDigest.isEqual(hash, digest(salt, normal))) {
            wrong = 0;
            return new Outcome(true, "", null);
        }
        if (++wrong >= MAX_WRONG) {
            return new Outcome(false, "too many wrong codes: a new code was made", issue());
        }
        return new Outcome(false, "wrong setup code", null);
    }

    private static byte[] digest(byte[] salt, String code) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(code.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
