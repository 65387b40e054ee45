package org.blockhost.crypto.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.crypto.api.AccessKey;
import org.blockhost.crypto.api.AccessKeyPair;
import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.Ecies;
import org.blockhost.crypto.api.EthSignature;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.crypto.api.Schnorr;
import org.blockhost.crypto.api.Secp256k1;
import org.blockhost.crypto.api.SiweMessage;
import org.blockhost.crypto.internal.siwe.SiweFields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Live interop with ethers, eciesjs, @noble/curves and siwe (pinned in src/test/js). 200 seeded cases per pair. */
class NpmInteropTest {
    static final int CASES = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static NodePeer peer;

    @BeforeAll
    static void startPeer() throws Exception {
        peer = NodePeer.start();
    }

    @AfterAll
    static void stopPeer() throws IOException {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void ethersSignsWeRecover() throws IOException {
        Gen g = new Gen(1001);
        for (int i = 0; i < CASES; i++) {
            byte[] key = g.privateKey();
            byte[] msg = g.message();
            String theirs = peer.call(req("ethers-sign", "privateKey", Hex.encodePrefixed(key), "message", Hex.encode(msg)))
                .get("signature").asText();
            EthSignature sig = EthSignature.parse(theirs);
            assertEquals(Address.fromPrivateKey(key), PersonalSign.recover(msg, sig), "case " + i);
            assertEquals(theirs.substring(2), PersonalSign.sign(key, msg).toHex(), "RFC 6979 signatures differ, case " + i);
        }
        report("ethers personal_sign -> our recover (+ identical RFC 6979 signature)");
    }

    @Test
    void weSignEthersVerifies() throws IOException {
        Gen g = new Gen(1002);
        for (int i = 0; i < CASES; i++) {
            byte[] key = g.privateKey();
            byte[] msg = g.message();
            String sig = PersonalSign.sign(key, msg).toHex();
            String addr = peer.call(req("ethers-verify", "message", Hex.encode(msg), "signature", "0x" + sig))
                .get("address").asText();
            assertEquals(Address.fromPrivateKey(key).toChecksumString(), addr, "case " + i);
        }
        report("our personal_sign -> ethers verifyMessage");
    }

    @Test
    void eciesjsEncryptsWeDecrypt() throws IOException {
        Gen g = new Gen(1003);
        for (int i = 0; i < CASES; i++) {
            byte[] key = g.privateKey();
            byte[] pt = g.bytes(g.nextInt(300));
            byte[] pub = Secp256k1.publicKey(key, g.coin());
            String ct = peer.call(req("ecies-encrypt", "publicKey", Hex.encode(pub), "plaintext", Hex.encode(pt)))
                .get("ciphertext").asText();
            assertArrayEquals(pt, Ecies.decrypt(key, Hex.decode(ct)), "case " + i);
        }
        report("eciesjs encrypt -> our decrypt");
    }

    @Test
    void weEncryptEciesjsDecrypts() throws IOException {
        Gen g = new Gen(1004);
        for (int i = 0; i < CASES; i++) {
            byte[] key = g.privateKey();
            byte[] pt = g.bytes(g.nextInt(300));
            byte[] ct = Ecies.encrypt(Secp256k1.publicKey(key, g.coin()), pt);
            String back = peer.call(req("ecies-decrypt", "privateKey", Hex.encode(key), "ciphertext", Hex.encode(ct)))
                .get("plaintext").asText();
            assertEquals(Hex.encode(pt), back, "case " + i);
        }
        report("our ECIES encrypt -> eciesjs decrypt");
    }

    @Test
    void nobleSchnorrSignsWeVerify() throws IOException {
        Gen g = new Gen(1005);
        for (int i = 0; i < CASES; i++) {
            byte[] key = g.privateKey();
            byte[] msg = g.bytes(g.nextInt(4) == 0 ? g.nextInt(100) : 32);
            byte[] aux = g.bytes(32);
            JsonNode r = peer.call(req("schnorr-sign", "privateKey", Hex.encode(key), "message", Hex.encode(msg),
                "auxRand", Hex.encode(aux)));
            byte[] sig = Hex.decode(r.get("signature").asText());
            assertEquals(r.get("publicKey").asText(), Hex.encode(Schnorr.publicKey(key)), "case " + i);
            assertTrue(Schnorr.verify(Schnorr.publicKey(key), msg, sig), "case " + i);
            assertArrayEquals(sig, Schnorr.sign(key, msg, aux), "BIP-340 signatures differ, case " + i);
        }
        report("@noble/curves schnorr.sign -> our verify (+ identical signature)");
    }

    @Test
    void weSignNobleSchnorrVerifies() throws IOException {
        Gen g = new Gen(1006);
        for (int i = 0; i < CASES; i++) {
            byte[] key = g.privateKey();
            byte[] msg = g.bytes(g.nextInt(4) == 0 ? g.nextInt(100) : 32);
            byte[] sig = Schnorr.sign(key, msg, g.bytes(32));
            if (g.nextInt(4) == 0) {
                sig[g.nextInt(64)] ^= (byte) (1 << g.nextInt(8)); // tampered: both sides must reject
                assertEquals(false, Schnorr.verify(Schnorr.publicKey(key), msg, sig));
            }
            boolean theirs = peer.call(req("schnorr-verify", "publicKey", Hex.encode(Schnorr.publicKey(key)),
                "message", Hex.encode(msg), "signature", Hex.encode(sig))).get("valid").asBoolean();
            assertEquals(Schnorr.verify(Schnorr.publicKey(key), msg, sig), theirs, "case " + i);
        }
        report("our BIP-340 sign -> @noble/curves schnorr.verify (incl. tampered)");
    }

    @Test
    void siweNpmBuildsWeParse() throws IOException {
        Gen g = new Gen(1007);
        for (int i = 0; i < CASES; i++) {
            Map<String, Object> fields = siweFields(g);
            String message = peer.call(req("siwe-build", "fields", fields)).get("message").asText();
            SiweMessage parsed = SiweMessage.parse(message);
            assertEquals(JSON.valueToTree(fields).toString(), JSON.valueToTree(SiweFields.toMap(parsed)).toString(), "case " + i);
            assertEquals(message, SiweFields.fromMap(fields).toMessage(), "our builder differs, case " + i);
            JsonNode back = peer.call(req("siwe-parse", "message", parsed.toMessage())).get("fields");
            assertEquals(fields.get("nonce"), back.get("nonce").asText(), "case " + i);
        }
        report("siwe npm prepareMessage -> our parser (same fields; our builder gives the same text)");
    }

    @Test
    void accessKeySchemeAgrees() throws IOException {
        Gen g = new Gen(1008);
        for (int i = 0; i < CASES; i++) {
            byte[] wallet = g.privateKey();
            String host = g.coin() ? "localhost" : g.hostname();
            long chainId = 1 + g.nextInt(Integer.MAX_VALUE);
            String contract = Hex.encodePrefixed(g.bytes(20));
            String creds = "{\"v\":1,\"vm\":\"blockhost-" + String.format("%03d", i) + "\",\"host\":\"" + host
                + "\",\"port\":22,\"user\":\"" + g.alnum(3, 10).toLowerCase() + "\"}";
            JsonNode js = peer.call(req("access", "privateKey", Hex.encodePrefixed(wallet), "host", host, "chainId", chainId,
                "contract", contract, "credentials", creds));
            checkAccess(i, wallet, host, chainId, contract, creds, js);
        }
        report("access key scheme: independent JS (ethers + eciesjs) vs ours, both directions");
    }

    private static void checkAccess(int i, byte[] wallet, String host, long chainId, String contract, String creds,
        JsonNode js) throws IOException {
        String message = AccessKey.message(host, chainId, contract);
        assertEquals(js.get("message").asText(), message, "message text, case " + i);
        EthSignature sig = PersonalSign.sign(wallet, message);
        assertEquals(js.get("signature").asText(), "0x" + sig.toHex(), "signature, case " + i);
        try (AccessKeyPair pair = AccessKey.derive(sig)) {
            assertEquals(js.get("publicKey").asText(), Hex.encode(pair.publicKey()), "K, case " + i);
            assertEquals(js.get("privateKey").asText(), Hex.encode(pair.privateKey()), "k, case " + i);
            byte[] plain = pair.decrypt(Hex.decode(js.get("ciphertext").asText()));
            assertEquals(creds, new String(plain, StandardCharsets.UTF_8), "decrypt JS ciphertext, case " + i);
            byte[] ours = AccessKey.encrypt(pair.publicKey(), creds.getBytes(StandardCharsets.UTF_8));
            String back = peer.call(req("ecies-decrypt", "privateKey", js.get("privateKey").asText(),
                "ciphertext", Hex.encode(ours))).get("plaintext").asText();
            assertEquals(Hex.encode(creds.getBytes(StandardCharsets.UTF_8)), back, "JS decrypts ours, case " + i);
        }
    }

    private static Map<String, Object> siweFields(Gen g) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (g.nextInt(5) == 0) {
            f.put("scheme", g.coin() ? "https" : "http");
        }
        String domain = g.domain();
        f.put("domain", domain);
        f.put("address", Address.fromPrivateKey(g.privateKey()).toChecksumString());
        if (g.nextInt(4) != 0) {
            f.put("statement", g.statement());
        }
        f.put("uri", g.uri(domain));
        f.put("version", "1");
        f.put("chainId", 1 + g.nextInt(Integer.MAX_VALUE));
        f.put("nonce", g.alnum(8, 24));
        f.put("issuedAt", g.timestamp());
        optional(g, f, "expirationTime", g.timestamp());
        optional(g, f, "notBefore", g.timestamp());
        optional(g, f, "requestId", g.alnum(1, 12));
        if (g.coin()) {
            List<String> res = new ArrayList<>();
            int n = 1 + g.nextInt(3);
            for (int j = 0; j < n; j++) {
                res.add(g.coin() ? "ipfs://Qm" + g.alnum(20, 40) : g.uri(g.hostname()));
            }
            f.put("resources", res);
        }
        return f;
    }

    private static void optional(Gen g, Map<String, Object> f, String key, String value) {
        if (g.coin()) {
            f.put(key, value);
        }
    }

    private static Map<String, Object> req(String op, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", op);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void report(String pair) {
        System.out.printf("INTEROP %-90s %d/%d passed%n", pair, CASES, CASES);
    }
}
