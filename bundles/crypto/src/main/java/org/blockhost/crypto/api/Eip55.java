package org.blockhost.crypto.api;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/** EIP-55 mixed-case checksum addresses. */
public final class Eip55 {
    private static final Pattern WELL_FORMED = Pattern.compile("0x[0-9a-fA-F]{40}");

    private Eip55() {
    }

    /** True for {@code 0x} followed by exactly 40 hex digits (any case). */
    public static boolean isWellFormed(String address) {
        return address != null && WELL_FORMED.matcher(address).matches();
    }

    /**
     * Checksummed form of an address given with or without {@code 0x}, in any case.
     *
     * @throws IllegalArgumentException if it is not 40 hex digits
     */
    public static String checksum(String address) {
        String hex = address.startsWith("0x") || address.startsWith("0X") ? address.substring(2) : address;
        if (!isWellFormed("0x" + hex)) {
            throw new IllegalArgumentException("address must be 40 hex digits");
        }
        String lower = hex.toLowerCase(Locale.ROOT);
        byte[] hash = Keccak.hash256(lower.getBytes(StandardCharsets.US_ASCII));
        StringBuilder sb = new StringBuilder(42).append("0x");
        for (int i = 0; i < 40; i++) {
            char c = lower.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            sb.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    /**
     * True if the address is well formed and either single-case (carries no checksum) or its mixed case matches the
     * EIP-55 checksum.
     */
    public static boolean isValid(String address) {
        if (!isWellFormed(address)) {
            return false;
        }
        String hex = address.substring(2);
        if (hex.equals(hex.toLowerCase(Locale.ROOT)) || hex.equals(hex.toUpperCase(Locale.ROOT))) {
            return true;
        }
        return checksum(address).equals(address);
    }

    /** True only if the address is well formed and exactly equal to its EIP-55 checksummed form (strict, e.g. SIWE). */
    public static boolean isChecksummed(String address) {
        return isWellFormed(address) && checksum(address).equals(address);
    }
}
