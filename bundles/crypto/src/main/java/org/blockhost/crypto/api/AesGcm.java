package org.blockhost.crypto.api;

import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM with a 128-bit tag. The stored layout is {@code iv(12)‖ciphertext‖tag(16)}; detached forms take the IV
 * separately and return/accept {@code ciphertext‖tag}.
 */
public final class AesGcm {
    public static final int KEY_LENGTH = 32;
    public static final int IV_LENGTH = 12;
    public static final int TAG_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {
    }

    /** Encrypts with a fresh random 12-byte IV; returns {@code iv‖ciphertext‖tag}. */
    public static byte[] seal(byte[] key, byte[] plaintext, byte[] aad) {
        byte[] iv = new byte[IV_LENGTH];
        RANDOM.nextBytes(iv);
        return seal(key, iv, plaintext, aad);
    }

    /** Encrypts with the given 12-byte IV (never reuse one under the same key); returns {@code iv‖ciphertext‖tag}. */
    public static byte[] seal(byte[] key, byte[] iv, byte[] plaintext, byte[] aad) {
        checkIv(iv);
        byte[] ctTag = encrypt(key, iv, aad, plaintext);
        byte[] out = Arrays.copyOf(iv, IV_LENGTH + ctTag.length);
        System.arraycopy(ctTag, 0, out, IV_LENGTH, ctTag.length);
        return out;
    }

    /** Decrypts {@code iv‖ciphertext‖tag}. */
    public static byte[] open(byte[] key, byte[] sealed, byte[] aad) {
        if (sealed == null || sealed.length < IV_LENGTH + TAG_LENGTH) {
            throw new DecryptionException("AES-GCM input is truncated (shorter than iv + tag)");
        }
        byte[] iv = Arrays.copyOf(sealed, IV_LENGTH);
        return decrypt(key, iv, aad, Arrays.copyOfRange(sealed, IV_LENGTH, sealed.length));
    }

    /** Detached encryption with a 12-byte IV: returns {@code ciphertext‖tag}. */
    public static byte[] encrypt(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) {
        checkIv(iv);
        return crypt(true, key, iv, aad, plaintext);
    }

    /** Detached decryption with a 12-byte IV of {@code ciphertext‖tag}. */
    public static byte[] decrypt(byte[] key, byte[] iv, byte[] aad, byte[] ciphertextAndTag) {
        checkIv(iv);
        if (ciphertextAndTag == null || ciphertextAndTag.length < TAG_LENGTH) {
            throw new DecryptionException("AES-GCM input is truncated (shorter than the tag)");
        }
        return crypt(false, key, iv, aad, ciphertextAndTag);
    }

    /** AES-256-GCM with any nonce length (used by ECIES, whose nonce is 16 bytes). */
    public static byte[] crypt(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] input) {
        if (key == null || key.length != KEY_LENGTH) {
            throw new InvalidKeyException("AES-256-GCM key must be 32 bytes");
        }
        if (nonce == null || nonce.length == 0) {
            throw new IllegalArgumentException("AES-GCM nonce must not be empty");
        }
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce, aad));
        byte[] out = new byte[gcm.getOutputSize(input.length)];
        int n = gcm.processBytes(input, 0, input.length, out, 0);
        try {
            n += gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            throw new DecryptionException("AES-GCM authentication failed (wrong key, IV, AAD, or tampered data)");
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static void checkIv(byte[] iv) {
        if (iv == null || iv.length != IV_LENGTH) {
            throw new IllegalArgumentException("AES-GCM IV must be 12 bytes, got " + (iv == null ? 0 : iv.length));
        }
    }
}
