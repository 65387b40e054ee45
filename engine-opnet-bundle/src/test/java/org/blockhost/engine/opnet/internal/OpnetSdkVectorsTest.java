package org.blockhost.engine.opnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.Schnorr;
import org.junit.jupiter.api.Test;

/**
 * Vectors written by the official SDK (src/test/js/sdk-vectors.mjs, @btc-vision/transaction 1.8.6): wallets of
 * a fixed mnemonic on mainnet and regtest, their address forms, and messages signed with MessageSigner's
 * signMessage (Schnorr, internal key), tweakAndSignMessage (Schnorr, tweaked key) and signMLDSAMessage.
 */
class OpnetSdkVectorsTest {

    @Test
    void sdkWalletsAndSignaturesAgreeWithTheEngine() throws Exception {
        JsonNode root = load();
        assertEquals("1.8.6", root.get("version").asText());
        int signatures = 0;
        for (JsonNode w : root.get("wallets")) {
            String address = w.get("address").asText();
            byte[] mlDsaKey = Hex.decode(w.get("mldsaPublicKey").asText());
            assertEquals(address, "0x" + Hex.encode(TaprootTweak.sha256(mlDsaKey)), "address = sha256(ML-DSA key)");
            assertEquals(address, OpnetAddressFormat.INSTANCE.normalise(address));
            assertFalse(OpnetAddressFormat.INSTANCE.isValid(w.get("p2tr").asText()));
            assertFalse(OpnetAddressFormat.INSTANCE.isValid(w.get("p2op").asText()));
            String publicKey = w.get("publicKey").asText();
            String tweaked = w.get("tweakedKey").asText();
            assertEquals(tweaked, "0x" + Hex.encode(TaprootTweak.outputKey(Hex.decode(publicKey), new byte[0])));
            for (JsonNode m : w.get("messages")) {
                String message = m.get("message").asText();
                assertEquals(m.get("sha256").asText(), Hex.encode(OpnetSignIn.digest(message)));
                byte[] internal = TaprootTweak.xOnly(Hex.decode(publicKey));
                assertTrue(Schnorr.verify(internal, OpnetSignIn.digest(message), Hex.decode(m.get("schnorr").asText())),
                        "signMessage signs with the internal key");
                assertEquals(tweaked, OpnetSignIn.schnorrTaprootKey(message, "schnorr:" + publicKey + ":" + m.get("schnorr").asText()));
                assertEquals(tweaked, OpnetSignIn.schnorrTaprootKey(message, "schnorr:" + publicKey + ":"
                        + m.get("schnorrTweaked").asText()));
                assertEquals(address, OpnetSignIn.mlDsaSigner(message, "mldsa:44:" + w.get("mldsaPublicKey").asText() + ":"
                        + m.get("mldsa").asText()));
                signatures += 3;
            }
        }
        assertEquals(36, signatures);
    }

    private static JsonNode load() throws IOException {
        try (InputStream in = OpnetSdkVectorsTest.class.getResourceAsStream("/opnet-sdk-vectors.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
