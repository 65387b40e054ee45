package org.blockhost.crypto.interop;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;

import org.blockhost.crypto.api.Secp256k1;

/** Seeded, reproducible random inputs for the interop tests. */
final class Gen {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String[] WORDS = {"sign", "in", "to", "BlockHost", "with", "your", "wallet", "I", "accept",
        "the", "Terms:", "https://example.com/tos", "(beta)", "ok!", "a&b", "50$", "#1", "[x]", "~home", "q?"};
    private final Random random;

    Gen(long seed) {
        random = new Random(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean coin() {
        return random.nextBoolean();
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    byte[] privateKey() {
        while (true) {
            byte[] k = bytes(32);
            if (Secp256k1.isValidPrivateKey(k)) {
                return k;
            }
        }
    }

    /** Random bytes, or UTF-8 text with non-ASCII characters. */
    byte[] message() {
        if (coin()) {
            return bytes(random.nextInt(120));
        }
        StringBuilder sb = new StringBuilder();
        int len = random.nextInt(60);
        for (int i = 0; i < len; i++) {
            int kind = random.nextInt(10);
            sb.append(kind < 7 ? (char) (32 + random.nextInt(95)) : kind < 9 ? (char) (0xa0 + random.nextInt(0x500))
                : "\uD83C\uDF0D".charAt(0));
            if (kind == 9) {
                sb.append("\uD83C\uDF0D".charAt(1));
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    String alnum(int min, int max) {
        int len = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    String hostname() {
        String[] tlds = {"com", "org", "io", "xyz"};
        return (coin() ? alnum(2, 6).toLowerCase() + "." : "") + alnum(3, 10).toLowerCase() + "." + tlds[nextInt(tlds.length)];
    }

    String domain() {
        switch (nextInt(5)) {
            case 0: return "localhost:" + (1024 + nextInt(60000));
            case 1: return "127.0.0." + (1 + nextInt(254)) + (coin() ? ":" + (1 + nextInt(65535)) : "");
            case 2: return "[::" + Integer.toHexString(1 + nextInt(0xfffe)) + "]:" + (1 + nextInt(65535));
            default: return hostname();
        }
    }

    String statement() {
        StringBuilder sb = new StringBuilder();
        int n = 1 + nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    String uri(String host) {
        String path = coin() ? "" : "/" + alnum(1, 8) + (coin() ? "/" + alnum(1, 5) : "");
        String query = nextInt(4) == 0 ? "?q=" + alnum(1, 6) + "&x=1" : "";
        String fragment = nextInt(5) == 0 ? "#" + alnum(1, 4) : "";
        return (coin() ? "https://" : "http://") + host + path + query + fragment;
    }

    /** A millisecond-precision UTC instant in 2020..2035, ISO text as JavaScript's toISOString() writes it. */
    String timestamp() {
        long start = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
        long span = 15L * 365 * 24 * 3600 * 1000;
        Instant t = Instant.ofEpochMilli(start + (long) (random.nextDouble() * span)).truncatedTo(ChronoUnit.MILLIS);
        String s = t.toString();
        return s.length() == 20 ? s.replace("Z", ".000Z") : s;
    }
}
