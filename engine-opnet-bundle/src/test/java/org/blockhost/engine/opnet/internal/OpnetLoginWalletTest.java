package org.blockhost.engine.opnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.ChainUnavailableException;
import org.junit.jupiter.api.Test;

/**
 * The owner's Taproot address from {@code btc_publicKeyInfo}, against {@code opnet-pubkey-info-vectors.json}: node
 * answers built with the SDK the way opnet-node builds them, read back by the SDK's own JSON-RPC client
 * ({@code src/test/js/pubkey-info/pubkey-info-vectors.mjs}).
 */
class OpnetLoginWalletTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode vectors() throws Exception {
        try (InputStream in = OpnetLoginWalletTest.class.getResourceAsStream("/opnet-pubkey-info-vectors.json")) {
            return JSON.readTree(in);
        }
    }

    @Test
    void theNodesTaprootAddressOfEveryVectorWalletThroughTheEngine() throws Exception {
        JsonNode v = vectors();
        int seen = 0;
        for (JsonNode network : v.get("networks")) {
            assertEquals("btc_publicKeyInfo", network.at("/request/method").asText(), "the method the SDK calls");
            assertEquals(JSON.readTree("[[\"" + network.at("/wallets/0/address").asText() + "\"]]"), network.at("/request/params"),
                    "the SDK asks for a list of addresses as the one parameter");
            try (RpcFixture node = new RpcFixture()) {
                node.mineEmpty(1);
                node.publicKeys((ObjectNode) network.get("result"));
                OpnetEngine engine = new OpnetEngine(new MemorySink(), OpnetEngineTest.config(Map.of("rpcUrl", node.url().toString())), -1);
                try {
                    for (JsonNode w : network.get("wallets")) {
                        String address = w.get("address").asText();
                        assertEquals(w.get("p2tr").asText(), engine.loginWallet(address), address);
                        assertEquals(JSON.readTree("[[\"" + address + "\"]]"), node.lastPublicKeyParams, "the SDK's request shape");
                        assertEquals(w.get("tweakedKey").asText(), "0x" + Hex.encode(TaprootTweak.xOnly(
                                Hex.decode(network.at("/result/" + address.substring(2) + "/tweakedPubkey").asText()))));
                        seen++;
                    }
                } finally {
                    engine.deactivate();
                }
            }
        }
        assertEquals(4, seen);
    }

    @Test
    void anAddressTheNodeDoesNotKnowIsNotKnownYetNeverGuessed() throws Exception {
        JsonNode net = vectors().get("networks").get(1);
        String address = net.at("/wallets/0/address").asText();
        String key = address.substring(2);
        ObjectNode partial = JSON.createObjectNode();
        ObjectNode hashedOnly = partial.putObject(key); // what opnet-node answers before it saw the wallet's ML-DSA link
        hashedOnly.put("p2op", net.at("/result/" + key + "/p2op").asText()).put("mldsaHashedPublicKey", key);
        try (RpcFixture node = new RpcFixture()) {
            OpnetLoginWallet logins = new OpnetLoginWallet(new OpnetRpc(node.url(), java.time.Duration.ofSeconds(5)));
            assertNotKnownYet(() -> logins.taprootOf(address));
            node.publicKeys(partial);
            assertNotKnownYet(() -> logins.taprootOf(address));
            node.publicKeys((ObjectNode) net.get("result"));
            node.down(true);
            ChainUnavailableException down = assertThrows(ChainUnavailableException.class, () -> logins.taprootOf(address));
            assertTrue(down.getMessage().contains("btc_publicKeyInfo"), down.getMessage());
            node.down(false);
            assertEquals(net.at("/wallets/0/p2tr").asText(), logins.taprootOf(address.toUpperCase().replace("0X", "0x")));
        }
    }

    private static void assertNotKnownYet(org.junit.jupiter.api.function.Executable call) {
        ChainUnavailableException e = assertThrows(ChainUnavailableException.class, call);
        assertTrue(e.getMessage().contains("does not know the Bitcoin key"), e.getMessage());
    }

    /** Each field of a real answer changed in turn: refused ("does not hold together"), nothing returned. */
    @Test
    void anAnswerThatDoesNotHoldTogetherIsRefused() throws Exception {
        JsonNode net = vectors().get("networks").get(0);
        String address = net.at("/wallets/0/address").asText();
        String key = address.substring(2);
        JsonNode other = net.at("/result/" + net.at("/wallets/1/address").asText().substring(2));
        List<Map.Entry<String, String>> tampered = List.of(
                Map.entry("p2tr", other.get("p2tr").asText()),
                Map.entry("p2tr", net.at("/wallets/0/p2tr").asText().replace("bc1p", "tb1p")),
                Map.entry("p2tr", "bc1p" + net.at("/wallets/0/p2tr").asText().substring(4).toUpperCase()),
                Map.entry("tweakedPubkey", other.get("tweakedPubkey").asText()),
                Map.entry("tweakedPubkey", "zz"),
                Map.entry("mldsaHashedPublicKey", other.get("mldsaHashedPublicKey").asText()),
                Map.entry("mldsaPublicKey", other.get("mldsaPublicKey").asText()),
                Map.entry("originalPubKey", other.get("originalPubKey").asText()));
        try (RpcFixture node = new RpcFixture()) {
            OpnetLoginWallet logins = new OpnetLoginWallet(new OpnetRpc(node.url(), java.time.Duration.ofSeconds(5)));
            for (Map.Entry<String, String> change : tampered) {
                ObjectNode answer = JSON.createObjectNode();
                answer.set(key, ((ObjectNode) net.at("/result/" + key)).deepCopy().put(change.getKey(), change.getValue()));
                node.publicKeys(answer);
                ChainUnavailableException e = assertThrows(ChainUnavailableException.class, () -> logins.taprootOf(address),
                        change.toString());
                assertTrue(e.getMessage().contains("does not hold together"), change + ": " + e.getMessage());
                assertFalse(e.getMessage().contains(change.getValue()), "the bad value is not echoed");
            }
        }
    }

    @Test
    void taprootAddressesAreBip350() {
        // BIP-350 test vector: witness v1 with the 32-byte program 79be66…1798 (the generator's x)
        byte[] gx = Hex.decode("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        assertEquals("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", TaprootAddress.encode("bc", gx));
        assertThrows(IllegalArgumentException.class, () -> TaprootAddress.encode("ltc", gx));
        assertThrows(IllegalArgumentException.class, () -> TaprootAddress.encode("bc", new byte[31]));
        assertEquals("bcrt", TaprootAddress.prefixOf("bcrt1pxyz"));
        assertEquals("", TaprootAddress.prefixOf("nodigit"));
    }
}
