package org.blockhost.engine.opnet.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/**
 * BIP-341 output key of an internal key: {@code Q = lift_x(P) + int(TapTweak(P ‖ merkleRoot))·G}, as
 * a Taproot address ({@code bc1p…}) commits to and as the OPNet SDK's {@code EcKeyPair.tweakPublicKey}
 * computes for key-path-only wallets (empty merkle root).
 */
final class TaprootTweak {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

    private TaprootTweak() {
    }

    /**
     * The 32-byte x-only output key.
     *
     * @param internalKey x-only (32 bytes) or compressed (33 bytes) internal key
     * @param merkleRoot the script tree's root, empty for key-path-only outputs
     * @throws IllegalArgumentException when the key is not on the curve or the tweak is out of range
     */
    static byte[] outputKey(byte[] internalKey, byte[] merkleRoot) {
        byte[] x = xOnly(internalKey);
        ECPoint p = CURVE.getCurve().decodePoint(concat(new byte[] {2}, x));
        BigInteger t = new BigInteger(1, taggedHash("TapTweak", concat(x, merkleRoot)));
        if (t.compareTo(CURVE.getN()) >= 0) {
            throw new IllegalArgumentException("Taproot tweak out of range");
        }
        ECPoint q = p.add(CURVE.getG().multiply(t)).normalize();
        if (q.isInfinity()) {
            throw new IllegalArgumentException("Taproot output key is the point at infinity");
        }
        return toBytes32(q.getAffineXCoord().toBigInteger());
    }

    static byte[] xOnly(byte[] key) {
        if (key == null || !(key.length == 32 || key.length == 33 && (key[0] == 2 || key[0] == 3))) {
            throw new IllegalArgumentException("public key must be 32 bytes x-only or 33 bytes compressed");
        }
        byte[] x = key.length == 32 ? key.clone() : Arrays.copyOfRange(key, 1, 33);
        try {
            CURVE.getCurve().decodePoint(concat(new byte[] {2}, x));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public key is not on secp256k1");
        }
        return x;
    }

    static byte[] taggedHash(String tag, byte[] data) {
        byte[] tagHash = sha256(tag.getBytes(StandardCharsets.UTF_8));
        return sha256(concat(concat(tagHash, tagHash), data));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] toBytes32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }
}
