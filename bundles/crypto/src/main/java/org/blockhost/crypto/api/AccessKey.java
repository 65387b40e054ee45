package org.blockhost.crypto.api;

import java.math.BigInteger;
import java.util.Arrays;

import org.blockhost.crypto.internal.Curve;

/**
 * The BlockHost access key scheme (DESIGN.md, "Access key"). The buyer's wallet {@code personal_sign}s
 * {@link #message}; {@code k = keccak256(r‖s‖v)} (v normalised to 27/28), re-hashed while {@code k = 0 or k ≥ n};
 * the access key is {@code K = k·G}, 33 bytes compressed. Credentials are ECIES-encrypted to K.
 */
public final class AccessKey {
    private AccessKey() {
    }

    /** The exact text to sign (lines joined by LF, no trailing newline); the contract is printed in EIP-55 form. */
    public static String message(String host, long chainId, String contract) {
        if (host == null || host.isEmpty() || host.indexOf('\n') >= 0 || host.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("access key host must be non-empty and on one line");
        }
        if (chainId <= 0) {
            throw new IllegalArgumentException("access key chain id must be positive");
        }
        String checksummed = Address.parse(contract).toChecksumString();
        return "BlockHost access key\n"
            + "Host: " + host + "\n"
            + "Chain ID: " + chainId + "\n"
            + "Contract: " + checksummed + "\n"
            + "Version: 1";
    }

    /** Derives the key pair from the wallet's signature. The caller should {@link AccessKeyPair#destroy()} it. */
    public static AccessKeyPair derive(EthSignature signature) {
        byte[] sig = signature.toBytes();
        byte[] k = Keccak.hash256(sig);
        Arrays.fill(sig, (byte) 0);
        while (!inRange(k)) {
            byte[] next = Keccak.hash256(k);
            Arrays.fill(k, (byte) 0);
            k = next;
        }
        byte[] pub = Curve.multiplyG(new BigInteger(1, k)).getEncoded(true);
        return new AccessKeyPair(k, pub);
    }

    /** Derives from a 65-byte hex signature ({@code 0x} optional, v ∈ {0,1,27,28}). */
    public static AccessKeyPair derive(String signatureHex) {
        return derive(EthSignature.parse(signatureHex));
    }

    /** Only the public access key K (33 bytes compressed); the secret is wiped. */
    public static byte[] publicKey(EthSignature signature) {
        try (AccessKeyPair pair = derive(signature)) {
            return pair.publicKey();
        }
    }

    /** Normalises an access key given as 33 compressed or 65 uncompressed bytes to 33 bytes; validates it. */
    public static byte[] normalize(byte[] accessKey) {
        if (accessKey == null || (accessKey.length != 33 && accessKey.length != 65)) {
            throw new InvalidKeyException("access key must be 33 (compressed) or 65 (uncompressed) bytes");
        }
        return Secp256k1.normalizePublicKey(accessKey, true);
    }

    /**
     * True when {@code hex} is an access key as a purchase carries it: exactly 33 bytes, lowercase or
     * uppercase hex with an optional {@code 0x}, prefix 02 or 03, and x a coordinate of a point on
     * secp256k1. Anything else (wrong length, not hex, off-curve x) is false; never throws.
     */
    public static boolean isValidCompressed(String hex) {
        if (hex == null || !hex.matches("(?:0x)?0[23][0-9a-fA-F]{64}")) {
            return false;
        }
        return Secp256k1.isValidPublicKey(Hex.decode(hex));
    }

    /** ECIES-encrypts credentials to access key K (33 or 65 bytes). */
    public static byte[] encrypt(byte[] accessKey, byte[] plaintext) {
        return Ecies.encrypt(normalize(accessKey), plaintext);
    }

    /** Decrypts credentials with the key derived from the re-signed message. */
    public static byte[] decrypt(EthSignature signature, byte[] ciphertext) {
        try (AccessKeyPair pair = derive(signature)) {
            return pair.decrypt(ciphertext);
        }
    }

    private static boolean inRange(byte[] k) {
        BigInteger v = new BigInteger(1, k);
        return v.signum() != 0 && v.compareTo(Curve.N) < 0;
    }
}
