package org.blockhost.crypto.api;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF with HMAC-SHA256 (RFC 5869). */
public final class Hkdf {
    /** Largest output: 255 blocks of 32 bytes. */
    public static final int MAX_LENGTH = 255 * 32;

    private Hkdf() {
    }

    /**
     * Derives {@code length} bytes. A null or empty salt means "no salt" (HashLen zero bytes, RFC 5869 §2.2).
     *
     * @throws IllegalArgumentException if length is negative or above {@link #MAX_LENGTH}
     */
    public static byte[] sha256(byte[] ikm, byte[] salt, byte[] info, int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA256 output length must be 0.." + MAX_LENGTH + ", got " + length);
        }
        HKDFBytesGenerator gen = new HKDFBytesGenerator(new SHA256Digest());
        byte[] s = salt == null || salt.length == 0 ? null : salt;
        gen.init(new HKDFParameters(ikm, s, info));
        byte[] out = new byte[length];
        gen.generateBytes(out, 0, length);
        return out;
    }
}
