package org.blockhost.crypto.api;

import java.math.BigInteger;
import java.util.Arrays;

import org.blockhost.crypto.internal.Curve;

/**
 * A canonical 65-byte Ethereum signature {@code r‖s‖v}: 0 &lt; r, s &lt; n, s ≤ n/2 (low S), recovery id 0 or 1.
 * Parsing accepts v ∈ {0, 1, 27, 28} and an optional {@code 0x} prefix; output always uses v = 27/28.
 */
public final class EthSignature {
    private final BigInteger r;
    private final BigInteger s;
    private final int recoveryId;

    private EthSignature(BigInteger r, BigInteger s, int recoveryId) {
        this.r = r;
        this.s = s;
        this.recoveryId = recoveryId;
    }

    /** Builds a signature from its components, with the same checks as {@link #parse(byte[])}. */
    public static EthSignature of(BigInteger r, BigInteger s, int recoveryId) {
        checkScalar(r, "r");
        checkScalar(s, "s");
        if (s.compareTo(Curve.HALF_N) > 0) {
            throw new SignatureFormatException("signature s is high (s > n/2); only low-S signatures are accepted");
        }
        if (recoveryId != 0 && recoveryId != 1) {
            throw new SignatureFormatException("signature recovery id must be 0 or 1, got " + recoveryId);
        }
        return new EthSignature(r, s, recoveryId);
    }

    /** Parses hex text (with or without {@code 0x}). */
    public static EthSignature parse(String hex) {
        if (hex == null || hex.isEmpty()) {
            throw new SignatureFormatException("signature is missing");
        }
        if (!Hex.isHex(hex)) {
            throw new SignatureFormatException("signature is not a hex string");
        }
        return parse(Hex.decode(hex));
    }

    /** Parses 65 bytes {@code r‖s‖v}. */
    public static EthSignature parse(byte[] sig) {
        if (sig == null || sig.length != 65) {
            throw new SignatureFormatException("signature must be 65 bytes (r||s||v), got " + (sig == null ? 0 : sig.length));
        }
        int v = sig[64] & 0xff;
        int recId;
        if (v == 0 || v == 1) {
            recId = v;
        } else if (v == 27 || v == 28) {
            recId = v - 27;
        } else {
            throw new SignatureFormatException("signature v must be 0, 1, 27 or 28, got " + v);
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        return of(r, s, recId);
    }

    private static void checkScalar(BigInteger x, String name) {
        if (x.signum() == 0) {
            throw new SignatureFormatException("signature " + name + " is zero");
        }
        if (x.compareTo(Curve.N) >= 0) {
            throw new SignatureFormatException("signature " + name + " is not below the curve order n");
        }
    }

    public BigInteger r() {
        return r;
    }

    public BigInteger s() {
        return s;
    }

    /** 0 or 1. */
    public int recoveryId() {
        return recoveryId;
    }

    /** 27 or 28. */
    public int v() {
        return 27 + recoveryId;
    }

    /** 65 bytes {@code r‖s‖v} with v = 27/28. */
    public byte[] toBytes() {
        byte[] out = new byte[65];
        System.arraycopy(Curve.toBytes32(r), 0, out, 0, 32);
        System.arraycopy(Curve.toBytes32(s), 0, out, 32, 32);
        out[64] = (byte) v();
        return out;
    }

    /** Lowercase hex of {@link #toBytes()}, no prefix. */
    public String toHex() {
        return Hex.encode(toBytes());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EthSignature)) {
            return false;
        }
        EthSignature other = (EthSignature) o;
        return r.equals(other.r) && s.equals(other.s) && recoveryId == other.recoveryId;
    }

    @Override
    public int hashCode() {
        return r.hashCode() * 31 + s.hashCode() + recoveryId;
    }

    @Override
    public String toString() {
        return "0x" + toHex();
    }
}
