package org.blockhost.crypto.internal;

import java.math.BigInteger;

import org.blockhost.crypto.api.CryptoException;
import org.blockhost.crypto.api.EthSignature;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/** Recoverable ECDSA over secp256k1 on Bouncy Castle points: RFC 6979 nonces, low-S output, public key recovery. */
public final class Ecdsa {
    private Ecdsa() {
    }

    /** Signs a 32-byte digest with RFC 6979 (HMAC-SHA256) nonces; result is low-S with its recovery id. */
    public static EthSignature sign(byte[] digest32, byte[] privateKey) {
        if (digest32.length != 32) {
            throw new IllegalArgumentException("digest must be 32 bytes");
        }
        BigInteger d = Curve.privateScalar(privateKey);
        BigInteger e = new BigInteger(1, digest32);
        HMacDSAKCalculator kCalc = new HMacDSAKCalculator(new SHA256Digest());
        kCalc.init(Curve.N, d, digest32);
        while (true) {
            BigInteger k = kCalc.nextK();
            ECPoint rp = Curve.multiplyG(k);
            BigInteger x = rp.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(Curve.N);
            if (r.signum() == 0 || !x.equals(r)) {
                continue; // r = 0, or R.x >= n (recovery id 2/3, probability ~2^-127): take the next nonce
            }
            BigInteger s = k.modInverse(Curve.N).multiply(e.add(d.multiply(r))).mod(Curve.N);
            if (s.signum() == 0) {
                continue;
            }
            int recId = rp.getAffineYCoord().testBitZero() ? 1 : 0;
            if (s.compareTo(Curve.HALF_N) > 0) {
                s = Curve.N.subtract(s);
                recId ^= 1;
            }
            return EthSignature.of(r, s, recId);
        }
    }

    /** Recovers the public key point Q from a digest and a canonical signature: Q = r⁻¹(s·R − e·G). */
    public static ECPoint recover(byte[] digest32, EthSignature sig) {
        BigInteger r = sig.r();
        byte[] rEnc = new byte[33];
        rEnc[0] = (byte) (sig.recoveryId() == 0 ? 0x02 : 0x03);
        System.arraycopy(Curve.toBytes32(r), 0, rEnc, 1, 32);
        ECPoint rPoint;
        try {
            rPoint = Curve.CURVE.decodePoint(rEnc);
        } catch (IllegalArgumentException ex) {
            throw new CryptoException("signature r is not the x coordinate of a curve point");
        }
        BigInteger e = new BigInteger(1, digest32);
        BigInteger rInv = r.modInverse(Curve.N);
        BigInteger a = e.negate().multiply(rInv).mod(Curve.N);
        BigInteger b = sig.s().multiply(rInv).mod(Curve.N);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(Curve.G, a, rPoint, b).normalize();
        if (q.isInfinity()) {
            throw new CryptoException("signature recovers to the point at infinity");
        }
        return q;
    }
}
