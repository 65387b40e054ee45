package org.blockhost.crypto.api;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

import org.blockhost.crypto.internal.Curve;
import org.bouncycastle.math.ec.ECPoint;

/** secp256k1 key utilities: key generation, public key derivation and encodings, ECDH. */
public final class Secp256k1 {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secp256k1() {
    }

    /** A fresh random private key (32 bytes, 1 ≤ d &lt; n). The caller owns and should wipe it. */
    public static byte[] generatePrivateKey() {
        byte[] k = new byte[32];
        while (true) {
            RANDOM.nextBytes(k);
            BigInteger d = new BigInteger(1, k);
            if (d.signum() > 0 && d.compareTo(Curve.N) < 0) {
                return k;
            }
        }
    }

    /** True if the 32 bytes are a valid private key. */
    public static boolean isValidPrivateKey(byte[] privateKey) {
        try {
            Curve.privateScalar(privateKey);
            return true;
        } catch (InvalidKeyException e) {
            return false;
        }
    }

    /** Public key of a private key: 33 bytes compressed or 65 bytes uncompressed. */
    public static byte[] publicKey(byte[] privateKey, boolean compressed) {
        return Curve.multiplyG(Curve.privateScalar(privateKey)).getEncoded(compressed);
    }

    /** Re-encodes a public key given in any supported encoding (33, 65 or raw 64 bytes); validates it. */
    public static byte[] normalizePublicKey(byte[] publicKey, boolean compressed) {
        return Curve.decodePoint(publicKey).getEncoded(compressed);
    }

    /** The 64 bytes x‖y of a public key in any supported encoding. */
    public static byte[] uncompressedXY(byte[] publicKey) {
        byte[] full = normalizePublicKey(publicKey, false);
        return Arrays.copyOfRange(full, 1, 65);
    }

    /** True if the bytes decode to a valid, finite curve point. */
    public static boolean isValidPublicKey(byte[] publicKey) {
        try {
            Curve.decodePoint(publicKey);
            return true;
        } catch (InvalidKeyException e) {
            return false;
        }
    }

    /** ECDH shared point d·Q, SEC1-encoded (compressed or uncompressed). */
    public static byte[] sharedPoint(byte[] privateKey, byte[] publicKey, boolean compressed) {
        BigInteger d = Curve.privateScalar(privateKey);
        ECPoint q = Curve.decodePoint(publicKey);
        ECPoint s = q.multiply(d).normalize();
        if (s.isInfinity()) {
            throw new InvalidKeyException("ECDH produced the point at infinity");
        }
        return s.getEncoded(compressed);
    }

    /** ECDH shared secret as the 32-byte x coordinate of d·Q. */
    public static byte[] ecdhX(byte[] privateKey, byte[] publicKey) {
        byte[] p = sharedPoint(privateKey, publicKey, true);
        return Arrays.copyOfRange(p, 1, 33);
    }
}
