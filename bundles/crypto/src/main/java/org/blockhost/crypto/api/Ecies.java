package org.blockhost.crypto.api;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * ECIES on secp256k1, compatible with the eciesjs / eciespy defaults. Output:
 * {@code ephemeralPublicKey(65, uncompressed)‖nonce(16)‖tag(16)‖ciphertext}; the AES-256-GCM key is
 * HKDF-SHA256(ikm = ephemeralPublicKey(65)‖sharedPoint(65), no salt, no info, 32 bytes).
 * Decryption also accepts a 33-byte compressed ephemeral key (eciesjs {@code isEphemeralKeyCompressed}).
 */
public final class Ecies {
    private static final int NONCE_LENGTH = 16;
    private static final int TAG_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ecies() {
    }

    /** Encrypts to a public key given compressed (33), uncompressed (65) or raw (64). */
    public static byte[] encrypt(byte[] recipientPublicKey, byte[] plaintext) {
        byte[] recipient = Secp256k1.normalizePublicKey(recipientPublicKey, false);
        byte[] ephSk = Secp256k1.generatePrivateKey();
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        byte[] key = null;
        try {
            byte[] ephPk = Secp256k1.publicKey(ephSk, false);
            key = deriveKey(ephPk, Secp256k1.sharedPoint(ephSk, recipient, false));
            byte[] ctTag = AesGcm.crypt(true, key, nonce, null, plaintext);
            return assemble(ephPk, nonce, ctTag);
        } finally {
            Arrays.fill(ephSk, (byte) 0);
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /**
     * Decrypts.
     *
     * @throws DecryptionException if the input is truncated, the ephemeral key is invalid, or authentication fails
     */
    public static byte[] decrypt(byte[] privateKey, byte[] data) {
        if (data == null || data.length == 0) {
            throw new DecryptionException("ECIES ciphertext is empty");
        }
        int ephLen = ephemeralKeyLength(data[0] & 0xff);
        if (data.length < ephLen + NONCE_LENGTH + TAG_LENGTH) {
            throw new DecryptionException("ECIES ciphertext is truncated (" + data.length + " bytes)");
        }
        byte[] ephPk;
        try {
            ephPk = Secp256k1.normalizePublicKey(Arrays.copyOf(data, ephLen), false);
        } catch (InvalidKeyException e) {
            throw new DecryptionException("ECIES ephemeral public key is invalid: " + e.getMessage());
        }
        byte[] shared = Secp256k1.sharedPoint(privateKey, ephPk, false);
        byte[] key = deriveKey(ephPk, shared);
        Arrays.fill(shared, (byte) 0);
        try {
            byte[] nonce = Arrays.copyOfRange(data, ephLen, ephLen + NONCE_LENGTH);
            byte[] tag = Arrays.copyOfRange(data, ephLen + NONCE_LENGTH, ephLen + NONCE_LENGTH + TAG_LENGTH);
            byte[] ct = Arrays.copyOfRange(data, ephLen + NONCE_LENGTH + TAG_LENGTH, data.length);
            byte[] ctTag = Arrays.copyOf(ct, ct.length + TAG_LENGTH);
            System.arraycopy(tag, 0, ctTag, ct.length, TAG_LENGTH);
            return AesGcm.crypt(false, key, nonce, null, ctTag);
        } catch (DecryptionException e) {
            throw new DecryptionException("ECIES authentication failed (tampered ciphertext or wrong private key)");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static int ephemeralKeyLength(int prefix) {
        if (prefix == 0x04) {
            return 65;
        }
        if (prefix == 0x02 || prefix == 0x03) {
            return 33;
        }
        throw new DecryptionException("ECIES ephemeral public key has an invalid prefix byte 0x" + Integer.toHexString(prefix));
    }

    private static byte[] deriveKey(byte[] ephPkUncompressed, byte[] sharedUncompressed) {
        byte[] ikm = Arrays.copyOf(ephPkUncompressed, 130);
        System.arraycopy(sharedUncompressed, 0, ikm, 65, 65);
        try {
            return Hkdf.sha256(ikm, null, null, 32);
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    private static byte[] assemble(byte[] ephPk, byte[] nonce, byte[] ctTag) {
        int ctLen = ctTag.length - TAG_LENGTH;
        byte[] out = new byte[65 + NONCE_LENGTH + ctTag.length];
        System.arraycopy(ephPk, 0, out, 0, 65);
        System.arraycopy(nonce, 0, out, 65, NONCE_LENGTH);
        System.arraycopy(ctTag, ctLen, out, 65 + NONCE_LENGTH, TAG_LENGTH);
        System.arraycopy(ctTag, 0, out, 65 + NONCE_LENGTH + TAG_LENGTH, ctLen);
        return out;
    }
}
