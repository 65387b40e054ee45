package org.blockhost.crypto.api;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.blockhost.crypto.internal.Curve;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/** BIP-340 Schnorr signatures over secp256k1 (x-only 32-byte public keys, 64-byte signatures, any message length). */
public final class Schnorr {
    private static final byte[] TAG_AUX = tagHash("BIP0340/aux");
    private static final byte[] TAG_NONCE = tagHash("BIP0340/nonce");
    private static final byte[] TAG_CHALLENGE = tagHash("BIP0340/challenge");

    private Schnorr() {
    }

    /** The 32-byte x-only public key of a private key. */
    public static byte[] publicKey(byte[] privateKey) {
        return Curve.toBytes32(Curve.multiplyG(Curve.privateScalar(privateKey)).getAffineXCoord().toBigInteger());
    }

    /** Signs per BIP-340 with 32 bytes of auxiliary randomness. */
    public static byte[] sign(byte[] privateKey, byte[] message, byte[] auxRand) {
        if (auxRand == null || auxRand.length != 32) {
            throw new IllegalArgumentException("BIP-340 auxRand must be 32 bytes");
        }
        BigInteger d0 = Curve.privateScalar(privateKey);
        ECPoint p = Curve.multiplyG(d0);
        BigInteger d = p.getAffineYCoord().testBitZero() ? Curve.N.subtract(d0) : d0;
        byte[] px = Curve.toBytes32(p.getAffineXCoord().toBigInteger());
        byte[] t = Curve.toBytes32(d);
        byte[] auxHash = tagged(TAG_AUX, auxRand);
        for (int i = 0; i < 32; i++) {
            t[i] ^= auxHash[i];
        }
        byte[] rand = tagged(TAG_NONCE, t, px, message);
        Arrays.fill(t, (byte) 0);
        BigInteger k0 = new BigInteger(1, rand).mod(Curve.N);
        Arrays.fill(rand, (byte) 0);
        if (k0.signum() == 0) {
            throw new CryptoException("BIP-340 nonce is zero (negligible probability); retry with other auxRand");
        }
        ECPoint r = Curve.multiplyG(k0);
        BigInteger k = r.getAffineYCoord().testBitZero() ? Curve.N.subtract(k0) : k0;
        byte[] rx = Curve.toBytes32(r.getAffineXCoord().toBigInteger());
        BigInteger e = new BigInteger(1, tagged(TAG_CHALLENGE, rx, px, message)).mod(Curve.N);
        byte[] sig = Arrays.copyOf(rx, 64);
        System.arraycopy(Curve.toBytes32(k.add(e.multiply(d)).mod(Curve.N)), 0, sig, 32, 32);
        if (!verify(px, message, sig)) {
            throw new CryptoException("BIP-340 signature failed its self-check");
        }
        return sig;
    }

    /** Verifies per BIP-340; false for any malformed input. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || publicKey.length != 32 || signature == null || signature.length != 64 || message == null) {
            return false;
        }
        ECPoint p = liftX(publicKey);
        if (p == null) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOf(signature, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (r.compareTo(Curve.P) >= 0 || s.compareTo(Curve.N) >= 0) {
            return false;
        }
        BigInteger e = new BigInteger(1, tagged(TAG_CHALLENGE, Arrays.copyOf(signature, 32), publicKey, message)).mod(Curve.N);
        ECPoint rp = ECAlgorithms.sumOfTwoMultiplies(Curve.G, s, p, Curve.N.subtract(e)).normalize();
        return !rp.isInfinity() && !rp.getAffineYCoord().testBitZero() && rp.getAffineXCoord().toBigInteger().equals(r);
    }

    private static ECPoint liftX(byte[] x) {
        if (new BigInteger(1, x).compareTo(Curve.P) >= 0) {
            return null;
        }
        byte[] enc = new byte[33];
        enc[0] = 0x02;
        System.arraycopy(x, 0, enc, 1, 32);
        try {
            return Curve.CURVE.decodePoint(enc);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] tagHash(String tag) {
        byte[] h = sha256(tag.getBytes(StandardCharsets.UTF_8));
        byte[] prefix = Arrays.copyOf(h, 64);
        System.arraycopy(h, 0, prefix, 32, 32);
        return prefix;
    }

    private static byte[] tagged(byte[] tagPrefix, byte[]... parts) {
        SHA256Digest d = new SHA256Digest();
        d.update(tagPrefix, 0, tagPrefix.length);
        for (byte[] part : parts) {
            d.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    private static byte[] sha256(byte[] data) {
        return tagged(new byte[0], data);
    }
}
