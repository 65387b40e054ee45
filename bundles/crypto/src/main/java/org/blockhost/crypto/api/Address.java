package org.blockhost.crypto.api;

import java.util.Arrays;

/** A 20-byte Ethereum address. Compared as bytes; printed in EIP-55 form. */
public final class Address {
    private final byte[] bytes;

    private Address(byte[] bytes) {
        this.bytes = bytes;
    }

    /** From 20 raw bytes. */
    public static Address of(byte[] bytes) {
        if (bytes == null || bytes.length != 20) {
            throw new IllegalArgumentException("address must be 20 bytes");
        }
        return new Address(bytes.clone());
    }

    /**
     * Parses {@code 0x} + 40 hex digits. All-lowercase and all-uppercase are accepted as unchecksummed; mixed case must
     * carry a valid EIP-55 checksum.
     */
    public static Address parse(String text) {
        if (!Eip55.isWellFormed(text)) {
            throw new IllegalArgumentException("address must be 0x followed by 40 hex digits");
        }
        if (!Eip55.isValid(text)) {
            throw new IllegalArgumentException("address has an invalid EIP-55 checksum");
        }
        return new Address(Hex.decode(text));
    }

    /** Address of an uncompressed, compressed, or raw 64-byte public key: last 20 bytes of keccak256(x‖y). */
    public static Address fromPublicKey(byte[] publicKey) {
        byte[] xy = Secp256k1.uncompressedXY(publicKey);
        byte[] h = Keccak.hash256(xy);
        return new Address(Arrays.copyOfRange(h, 12, 32));
    }

    /** Address of a 32-byte private key. */
    public static Address fromPrivateKey(byte[] privateKey) {
        return fromPublicKey(Secp256k1.publicKey(privateKey, false));
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** EIP-55 mixed-case checksum form. */
    public String toChecksumString() {
        return Eip55.checksum(Hex.encode(bytes));
    }

    /** Lowercase {@code 0x}-prefixed form. */
    public String toLowerString() {
        return Hex.encodePrefixed(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address && Arrays.equals(bytes, ((Address) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toChecksumString();
    }
}
