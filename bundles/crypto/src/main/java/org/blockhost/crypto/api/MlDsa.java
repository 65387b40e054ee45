package org.blockhost.crypto.api;

import org.bouncycastle.crypto.params.ParametersWithContext;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.MLDSASigner;

/** ML-DSA (FIPS 204, pure mode) signature verification at security levels 44, 65 and 87. */
public final class MlDsa {
    private MlDsa() {
    }

    /** The parameter sets. */
    public enum Level {
        ML_DSA_44(44, 1312, 2420),
        ML_DSA_65(65, 1952, 3309),
        ML_DSA_87(87, 2592, 4627);

        private final int number;
        private final int publicKeyLength;
        private final int signatureLength;

        Level(int number, int publicKeyLength, int signatureLength) {
            this.number = number;
            this.publicKeyLength = publicKeyLength;
            this.signatureLength = signatureLength;
        }

        /** 44, 65 or 87. */
        public static Level of(int number) {
            for (Level l : values()) {
                if (l.number == number) {
                    return l;
                }
            }
            throw new IllegalArgumentException("ML-DSA level must be 44, 65 or 87, got " + number);
        }

        public int publicKeyLength() {
            return publicKeyLength;
        }

        public int signatureLength() {
            return signatureLength;
        }

        MLDSAParameters parameters() {
            switch (this) {
                case ML_DSA_44: return MLDSAParameters.ml_dsa_44;
                case ML_DSA_65: return MLDSAParameters.ml_dsa_65;
                default: return MLDSAParameters.ml_dsa_87;
            }
        }
    }

    /**
     * Verifies a signature over {@code message} with an optional context string (at most 255 bytes; null = empty).
     * Returns false for any wrongly sized key, signature or context.
     */
    public static boolean verify(Level level, byte[] publicKey, byte[] message, byte[] signature, byte[] context) {
        byte[] ctx = context == null ? new byte[0] : context;
        if (publicKey == null || publicKey.length != level.publicKeyLength() || signature == null
            || signature.length != level.signatureLength() || ctx.length > 255 || message == null) {
            return false;
        }
        try {
            MLDSASigner signer = new MLDSASigner();
            MLDSAPublicKeyParameters pub = new MLDSAPublicKeyParameters(level.parameters(), publicKey);
            signer.init(false, new ParametersWithContext(pub, ctx));
            signer.update(message, 0, message.length);
            return signer.verifySignature(signature);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
