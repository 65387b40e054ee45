package org.blockhost.engine.opnet.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.MlDsa;
import org.blockhost.crypto.api.Schnorr;
import org.blockhost.engine.api.InvalidSignatureException;

/**
 * Signed text messages as OPNet wallets make them (the SDK's {@code MessageSigner}, @btc-vision/transaction
 * 1.8.9): the wallet signs {@code SHA-256(UTF-8 message)}, either with ML-DSA ({@code web3.signMLDSAMessage},
 * FIPS 204 pure mode, empty context; OP_WALLET's default level is ML-DSA-44) or with BIP-340 Schnorr
 * ({@code signData(hash, "schnorr")}). Neither scheme recovers a key from the signature, so the textual
 * signature carries the public key:
 *
 * <pre>
 *   mldsa:&lt;44|65|87&gt;:&lt;public key hex&gt;:&lt;signature hex&gt;
 *   schnorr:&lt;public key hex, 32 or 33 bytes&gt;:&lt;signature hex, 64 bytes&gt;
 * </pre>
 *
 * <p>Only ML-DSA proves an OPNet address (it is SHA-256 of the ML-DSA public key). A Schnorr signature
 * proves a Taproot key: it is accepted under the given key or under its BIP-341 key-path tweak (wallets
 * sign with either), and the identity it proves is the tweaked output key (what a {@code bc1p…}
 * address holds). Pure functions; every malformed input is an {@link InvalidSignatureException}.
 */
public final class OpnetSignIn {
    private static final int MAX_TEXT = 16_384;

    private OpnetSignIn() {
    }

    /** The OPNet address ({@code 0x} + 64 hex) whose ML-DSA key signed {@code message}. */
    public static String mlDsaSigner(String message, String signature) throws InvalidSignatureException {
        String[] parts = split(signature, "mldsa", 4);
        MlDsa.Level level;
        try {
            level = MlDsa.Level.of(Integer.parseInt(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException("ML-DSA level must be 44, 65 or 87");
        }
        byte[] publicKey = hex(parts[2], "ML-DSA public key");
        byte[] sig = hex(parts[3], "ML-DSA signature");
        if (publicKey.length != level.publicKeyLength() || sig.length != level.signatureLength()) {
            throw new InvalidSignatureException("ML-DSA-" + parts[1] + " needs a " + level.publicKeyLength()
                    + "-byte public key and a " + level.signatureLength() + "-byte signature");
        }
        if (!MlDsa.verify(level, publicKey, digest(message), sig, null)) {
            throw new InvalidSignatureException("ML-DSA signature does not verify");
        }
        return "0x" + Hex.encode(TaprootTweak.sha256(publicKey));
    }

    /**
     * The Taproot output key ({@code 0x} + 64 hex, x-only) proven by a Schnorr-signed {@code message}:
     * the signature must verify under the given key or under its key-path tweak.
     */
    public static String schnorrTaprootKey(String message, String signature) throws InvalidSignatureException {
        String[] parts = split(signature, "schnorr", 3);
        byte[] key = hex(parts[1], "Schnorr public key");
        byte[] sig = hex(parts[2], "Schnorr signature");
        if (sig.length != 64) {
            throw new InvalidSignatureException("a Schnorr signature is 64 bytes");
        }
        byte[] output;
        try {
            output = TaprootTweak.outputKey(TaprootTweak.xOnly(key), new byte[0]);
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException(e.getMessage());
        }
        if (!schnorrVerifies(key, digest(message), sig)) {
            throw new InvalidSignatureException("Schnorr signature does not verify");
        }
        return "0x" + Hex.encode(output);
    }

    /**
     * BIP-340 verification of {@code signed} (the 32-byte digest for wallet messages) under the key or its
     * key-path tweak; false for a key that is not on the curve or any other malformed input.
     */
    static boolean schnorrVerifies(byte[] key, byte[] signed, byte[] sig) {
        try {
            byte[] internal = TaprootTweak.xOnly(key);
            return Schnorr.verify(internal, signed, sig)
                    || Schnorr.verify(TaprootTweak.outputKey(internal, new byte[0]), signed, sig);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** SHA-256 of the message's UTF-8 bytes: what OPNet wallets sign. */
    static byte[] digest(String message) throws InvalidSignatureException {
        if (message == null || message.length() > MAX_TEXT) {
            throw new InvalidSignatureException("message missing or longer than " + MAX_TEXT + " characters");
        }
        return TaprootTweak.sha256(message.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] split(String signature, String scheme, int count) throws InvalidSignatureException {
        if (signature == null || signature.length() > MAX_TEXT) {
            throw new InvalidSignatureException("signature missing or too long");
        }
        String[] parts = signature.strip().split(":", -1);
        if (parts.length != count || !parts[0].equals(scheme)) {
            throw new InvalidSignatureException("not a " + scheme + " signature (" + scheme + ":"
                    + (count == 4 ? "<level>:" : "") + "<public key hex>:<signature hex>)");
        }
        return Arrays.copyOf(parts, count);
    }

    private static byte[] hex(String text, String what) throws InvalidSignatureException {
        try {
            return Hex.decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException(what + " is not hex");
        }
    }
}
