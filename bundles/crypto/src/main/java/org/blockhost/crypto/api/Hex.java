package org.blockhost.crypto.api;

import java.util.Arrays;

/** Strict hexadecimal codec: input may carry a {@code 0x} prefix and mixed case; output is lowercase without prefix. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** Lowercase hex, no prefix. */
    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** {@code 0x} followed by lowercase hex. */
    public static String encodePrefixed(byte[] bytes) {
        return "0x" + encode(bytes);
    }

    /**
     * Decodes hex with an optional {@code 0x}/{@code 0X} prefix.
     *
     * @throws IllegalArgumentException on an odd length or a non-hex character
     */
    public static byte[] decode(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("hex string is missing");
        }
        String s = strip(hex);
        if ((s.length() & 1) != 0) {
            throw new IllegalArgumentException("hex string has an odd number of digits");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0 || !isAscii(s.charAt(2 * i)) || !isAscii(s.charAt(2 * i + 1))) {
                Arrays.fill(out, (byte) 0);
                throw new IllegalArgumentException("not a hex string: invalid character at position " + (2 * i));
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /** Decodes and checks the length. */
    public static byte[] decode(String hex, int expectedLength, String what) {
        byte[] b = decode(hex);
        if (b.length != expectedLength) {
            throw new IllegalArgumentException(what + " must be " + expectedLength + " bytes, got " + b.length);
        }
        return b;
    }

    /** True if the string is (optionally {@code 0x}-prefixed) hex of even length. */
    public static boolean isHex(String hex) {
        if (hex == null) {
            return false;
        }
        String s = strip(hex);
        if ((s.length() & 1) != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAscii(c) || Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String strip(String hex) {
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    }

    private static boolean isAscii(char c) {
        return c < 128;
    }
}
