package org.blockhost.crypto.internal;

import java.math.BigInteger;
import java.util.Arrays;

import org.blockhost.crypto.api.InvalidKeyException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** secp256k1 domain parameters (Bouncy Castle's custom curve with the GLV endomorphism) and point codecs. */
public final class Curve {
    public static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    public static final ECCurve CURVE = PARAMS.getCurve();
    public static final ECPoint G = PARAMS.getG();
    public static final BigInteger N = PARAMS.getN();
    public static final BigInteger HALF_N = N.shiftRight(1);
    public static final BigInteger P = CURVE.getField().getCharacteristic();
    public static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE, G, N, PARAMS.getH());

    private static final FixedPointCombMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();

    private Curve() {
    }

    /** k·G, normalized. */
    public static ECPoint multiplyG(BigInteger k) {
        return BASE_MULTIPLIER.multiply(G, k).normalize();
    }

    /** Private key (32 bytes, 1 ≤ d &lt; n) as an integer. */
    public static BigInteger privateScalar(byte[] privateKey) {
        if (privateKey == null || privateKey.length != 32) {
            throw new InvalidKeyException("private key must be 32 bytes");
        }
        BigInteger d = new BigInteger(1, privateKey);
        if (d.signum() == 0 || d.compareTo(N) >= 0) {
            throw new InvalidKeyException("private key out of range (must be 1 <= d < n)");
        }
        return d;
    }

    /**
     * Decodes a SEC1 public key (33-byte compressed, 65-byte uncompressed, or 64 raw bytes x‖y) and checks it.
     */
    public static ECPoint decodePoint(byte[] encoded) {
        if (encoded == null) {
            throw new InvalidKeyException("public key is missing");
        }
        byte[] sec1 = encoded;
        if (encoded.length == 64) {
            sec1 = new byte[65];
            sec1[0] = 0x04;
            System.arraycopy(encoded, 0, sec1, 1, 64);
        }
        if (sec1.length != 33 && sec1.length != 65) {
            throw new InvalidKeyException("public key must be 33 (compressed) or 65 (uncompressed) bytes, got " + encoded.length);
        }
        int prefix = sec1[0] & 0xff;
        boolean okPrefix = sec1.length == 33 ? (prefix == 2 || prefix == 3) : prefix == 4;
        if (!okPrefix) {
            throw new InvalidKeyException("public key has an invalid prefix byte 0x" + Integer.toHexString(prefix));
        }
        checkFieldElements(sec1);
        ECPoint p;
        try {
            p = CURVE.decodePoint(sec1);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("public key is not a point on secp256k1");
        }
        if (p.isInfinity() || !p.isValid()) {
            throw new InvalidKeyException("public key is not a valid point on secp256k1");
        }
        return p.normalize();
    }

    private static void checkFieldElements(byte[] sec1) {
        if (new BigInteger(1, Arrays.copyOfRange(sec1, 1, 33)).compareTo(P) >= 0) {
            throw new InvalidKeyException("public key x coordinate is not a field element");
        }
        if (sec1.length == 65 && new BigInteger(1, Arrays.copyOfRange(sec1, 33, 65)).compareTo(P) >= 0) {
            throw new InvalidKeyException("public key y coordinate is not a field element");
        }
    }

    /** Big-endian unsigned 32-byte encoding. */
    public static byte[] toBytes32(BigInteger v) {
        byte[] raw = v.toByteArray();
        if (raw.length == 32) {
            return raw;
        }
        byte[] out = new byte[32];
        if (raw.length > 32) {
            System.arraycopy(raw, raw.length - 32, out, 0, 32);
        } else {
            System.arraycopy(raw, 0, out, 32 - raw.length, raw.length);
        }
        return out;
    }
}
