package org.blockhost.crypto.api;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;

import org.blockhost.crypto.internal.Curve;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/** ECDSA verification over secp256k1 of a caller-supplied 32-byte digest, with a DER or raw {@code r‖s} signature. */
public final class EcdsaVerify {
    /** Signature encodings. */
    public enum Format {
        /** ASN.1 DER {@code SEQUENCE { INTEGER r, INTEGER s }}, strictly canonical. */
        DER,
        /** IEEE P1363: 64 bytes {@code r‖s}. */
        P1363
    }

    private EcdsaVerify() {
    }

    /**
     * Verifies. Returns false for any malformed signature or public key instead of throwing.
     *
     * @param requireLowS also reject s &gt; n/2
     */
    public static boolean verify(byte[] digest, byte[] signature, Format format, byte[] publicKey, boolean requireLowS) {
        BigInteger[] rs = format == Format.DER ? parseDer(signature) : parseP1363(signature);
        if (rs == null) {
            return false;
        }
        BigInteger r = rs[0];
        BigInteger s = rs[1];
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(Curve.N) >= 0 || s.compareTo(Curve.N) >= 0) {
            return false;
        }
        if (requireLowS && s.compareTo(Curve.HALF_N) > 0) {
            return false;
        }
        ECPublicKeyParameters pub;
        try {
            pub = new ECPublicKeyParameters(Curve.decodePoint(publicKey), Curve.DOMAIN);
        } catch (InvalidKeyException | IllegalArgumentException e) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, pub);
        return verifier.verifySignature(digest, r, s);
    }

    private static BigInteger[] parseP1363(byte[] sig) {
        if (sig == null || sig.length != 64) {
            return null;
        }
        return new BigInteger[] {new BigInteger(1, Arrays.copyOfRange(sig, 0, 32)),
            new BigInteger(1, Arrays.copyOfRange(sig, 32, 64))};
    }

    /** Strict DER: must re-encode to exactly the same bytes. */
    static BigInteger[] parseDer(byte[] sig) {
        if (sig == null || sig.length < 8 || sig.length > 72) {
            return null;
        }
        try {
            ASN1Primitive prim = ASN1Primitive.fromByteArray(sig);
            if (!(prim instanceof ASN1Sequence)) {
                return null;
            }
            ASN1Sequence seq = (ASN1Sequence) prim;
            if (seq.size() != 2 || !(seq.getObjectAt(0) instanceof ASN1Integer)
                || !(seq.getObjectAt(1) instanceof ASN1Integer)) {
                return null;
            }
            if (!Arrays.equals(seq.getEncoded(ASN1Encoding.DER), sig)) {
                return null;
            }
            return new BigInteger[] {((ASN1Integer) seq.getObjectAt(0)).getValue(),
                ((ASN1Integer) seq.getObjectAt(1)).getValue()};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
