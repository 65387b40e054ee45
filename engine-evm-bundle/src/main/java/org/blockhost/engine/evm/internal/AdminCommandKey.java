package org.blockhost.engine.evm.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.Hkdf;
import org.blockhost.crypto.api.Secp256k1;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * The key admin commands are encrypted to (ECIES): derived from the host key with HKDF-SHA256
 * (salt {@value #SALT}, info {@value #INFO}), so the host's transaction-signing key is never used
 * for decryption. Its compressed public key is what an admin client encrypts to; the engine shows
 * it in {@code blockhost chain status}. Deterministic: the same host key always gives the same key.
 */
final class AdminCommandKey {
    static final String SALT = "blockhost";
    static final String INFO = "evm admin-command ECIES key v1";

    private AdminCommandKey() {
    }

    /** The derived private key (32 bytes); the caller wipes it. */
    static byte[] privateKey(Credentials host) {
        byte[] ikm = Numeric.toBytesPadded(host.getEcKeyPair().getPrivateKey(), 32);
        try {
            for (int counter = 0; ; counter++) {
                byte[] info = (INFO + (counter == 0 ? "" : " #" + counter)).getBytes(StandardCharsets.US_ASCII);
                byte[] key = Hkdf.sha256(ikm, SALT.getBytes(StandardCharsets.US_ASCII), info, 32);
                if (Secp256k1.isValidPrivateKey(key)) {
                    return key; // invalid (0 or ≥ n) with probability ~2^-128: try the next counter
                }
                Arrays.fill(key, (byte) 0);
            }
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    /** The compressed public key (33 bytes) as 0x-hex: what admin clients encrypt commands to. */
    static String publicKeyHex(Credentials host) {
        byte[] key = privateKey(host);
        try {
            return "0x" + Hex.encode(Secp256k1.publicKey(key, true));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
