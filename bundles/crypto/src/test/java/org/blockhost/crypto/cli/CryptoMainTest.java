package org.blockhost.crypto.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import org.blockhost.crypto.internal.cli.CryptoMain;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The `blockhost crypto` CLI: every batch op, error handling, single-shot commands and exit codes. */
class CryptoMainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "0123456789012345678901234567890123456789012345678901234567890123";
    private static final String SIG = "ddd0a7290af9526056b4e35a077b9a11b513aa0028ec6c9880948544508f3c63"
        + "265e99e47ad31bb2cab9646c504576b3abc6939a1710afc08cbf3034d73214b81c";

    private String out;
    private String err;

    private int run(String stdin, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = CryptoMain.run(args, new BufferedReader(new StringReader(stdin)),
            new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return rc;
    }

    private JsonNode[] batch(String... requests) throws Exception {
        assertEquals(0, run(String.join("\n", requests) + "\n", "batch"));
        String[] lines = out.split("\n");
        JsonNode[] res = new JsonNode[lines.length];
        for (int i = 0; i < lines.length; i++) {
            res[i] = JSON.readTree(lines[i]);
        }
        return res;
    }

    @Test
    void ethereumOps() throws Exception {
        JsonNode[] r = batch(
            "{\"id\":1,\"op\":\"keccak256\",\"data\":\"0x\"}",
            "{\"id\":2,\"op\":\"eip55\",\"address\":\"5aaeb6053f3e94c9b9a09f33669435e7ef1beaed\"}",
            "{\"id\":3,\"op\":\"address-of-key\",\"privateKey\":\"0x" + KEY + "\"}",
            "{\"id\":4,\"op\":\"personal-sign\",\"privateKey\":\"" + KEY + "\",\"message\":\"hello world\"}",
            "{\"id\":5,\"op\":\"recover\",\"messageHex\":\"68656c6c6f20776f726c64\",\"signature\":\"0x" + SIG + "\"}",
            "{\"id\":6,\"op\":\"access-message\",\"host\":\"localhost\",\"chainId\":31337,"
                + "\"contract\":\"0x5fbdb2315678afecb367f032d93f642f64180aa3\"}",
            "{\"id\":7,\"op\":\"access-key\",\"signature\":\"" + SIG + "\"}");
        assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", r[0].get("hash").asText());
        assertEquals("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", r[1].get("address").asText());
        assertTrue(r[1].get("valid").asBoolean());
        assertEquals("0x14791697260E4c9A71f18484C9f997B308e59325", r[2].get("address").asText());
        assertEquals(SIG, r[3].get("signature").asText());
        assertEquals("0x14791697260E4c9A71f18484C9f997B308e59325", r[4].get("address").asText());
        assertTrue(r[5].get("message").asText().endsWith("Contract: 0x5FbDB2315678afecb367f032d93F642f64180aa3\nVersion: 1"));
        assertEquals(66, r[6].get("publicKey").asText().length());
        assertEquals(7, r[6].get("id").asInt());
    }

    @Test
    void cipherOpsRoundTrip() throws Exception {
        JsonNode[] r = batch(
            "{\"id\":\"e\",\"op\":\"ecies-encrypt\",\"publicKey\":\"048e41409f2e109f2d704f0afd15d1ab53935fd443729913a7e8536b4cef8cf5773d4db7bbd99e9ed64595e24a251c9836f35d4c9842132443c17f6d501b3410d2\",\"plaintext\":\"CAFE\"}",
            "{\"id\":\"a\",\"op\":\"aes-gcm-encrypt\",\"key\":\"" + KEY + "\",\"iv\":\"000000000000000000000000\",\"aad\":\"01\",\"plaintext\":\"abcd\"}",
            "{\"id\":\"s\",\"op\":\"schnorr-sign\",\"privateKey\":\"" + KEY + "\",\"message\":\"00\",\"auxRand\":\"" + "00".repeat(32) + "\"}",
            "{\"id\":\"d\",\"op\":\"ecdh\",\"privateKey\":\"" + "00".repeat(31) + "03\",\"publicKey\":\"02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5\"}");
        assertEquals("fff97bd5755eeea420453a14355235d382f6472f8568a18b2f057a1460297556", r[3].get("shared").asText());
        JsonNode[] back = batch(
            "{\"id\":1,\"op\":\"ecies-decrypt\",\"privateKey\":\"5b5b1a0ff51e4350badd6f58d9e6fa6f57fbdbde6079d12901770dda3b803081\",\"ciphertext\":\"" + r[0].get("ciphertext").asText() + "\"}",
            "{\"id\":2,\"op\":\"aes-gcm-decrypt\",\"key\":\"" + KEY + "\",\"iv\":\"000000000000000000000000\",\"aad\":\"01\",\"ciphertext\":\""
                + r[1].get("ciphertext").asText() + "\",\"tag\":\"" + r[1].get("tag").asText() + "\"}",
            "{\"id\":3,\"op\":\"schnorr-verify\",\"publicKey\":\"" + schnorrPub() + "\",\"message\":\"00\",\"signature\":\"" + r[2].get("signature").asText() + "\"}",
            "{\"id\":4,\"op\":\"mldsa-verify\",\"level\":44,\"publicKey\":\"00\",\"message\":\"00\",\"signature\":\"00\"}");
        assertEquals("cafe", back[0].get("plaintext").asText());
        assertEquals("abcd", back[1].get("plaintext").asText());
        assertTrue(back[2].get("valid").asBoolean());
        assertEquals(false, back[3].get("valid").asBoolean());
    }

    private static String schnorrPub() {
        return org.blockhost.crypto.api.Hex.encode(org.blockhost.crypto.api.Schnorr.publicKey(
            org.blockhost.crypto.api.Hex.decode(KEY)));
    }

    @Test
    void badInputNeverStopsTheBatch() throws Exception {
        JsonNode[] r = batch("not json", "[1]", "{\"id\":9}", "{\"id\":10,\"op\":\"nope\"}",
            "{\"id\":11,\"op\":\"recover\",\"message\":\"x\",\"signature\":\"zz\"}",
            "{\"id\":12,\"op\":\"keccak256\"}", "", "{\"id\":13,\"op\":\"siwe-verify\",\"message\":\"x\",\"signature\":\"00\"}",
            "{\"id\":14,\"op\":\"keccak256\",\"data\":\"ff\"}");
        assertEquals(8, r.length, "blank lines are skipped, every other line answered");
        assertTrue(r[0].get("error").asText().startsWith("invalid JSON"));
        assertEquals("request must be a JSON object", r[1].get("error").asText());
        assertEquals("missing field 'op'", r[2].get("error").asText());
        assertEquals("unknown op 'nope'", r[3].get("error").asText());
        assertEquals("signature is not a hex string", r[4].get("error").asText());
        assertEquals("missing field 'data'", r[5].get("error").asText());
        assertEquals("missing field 'domain'", r[6].get("error").asText());
        assertEquals(14, r[7].get("id").asInt());
    }

    @Test
    void siweVerifyNeedsEveryBindingAndTakesANonceOnce() throws Exception {
        byte[] key = org.blockhost.crypto.api.Hex.decode(KEY);
        String text = org.blockhost.crypto.api.SiweMessage.builder().domain("a.example")
            .address(org.blockhost.crypto.api.Address.fromPrivateKey(key).toChecksumString()).uri("https://a.example/")
            .chainId(5).nonce("BatchNonce1234").issuedAt("2030-01-01T10:00:00Z").build().toMessage();
        String sig = org.blockhost.crypto.api.PersonalSign.sign(key, text).toHex();
        String base = "\"op\":\"siwe-verify\",\"message\":" + JSON.writeValueAsString(text) + ",\"signature\":\"" + sig
            + "\",\"domain\":\"a.example\",\"chainId\":5,\"nonce\":\"BatchNonce1234\",\"time\":\"";
        JsonNode[] r = batch("{\"id\":1," + base + "2030-01-01T10:01:00Z\"}",
            "{\"id\":2," + base + "2030-01-01T10:01:00Z\",\"uri\":\"https://a.example/\"}",
            "{\"id\":3," + base + "2030-01-01T10:01:00Z\",\"uri\":\"https://a.example/\"}",
            "{\"id\":4," + base + "2030-01-01T11:00:00Z\",\"uri\":\"https://a.example/\"}");
        assertEquals("missing field 'uri'", r[0].get("error").asText());
        assertTrue(r[1].get("valid").asBoolean(), r[1].toString());
        assertEquals(false, r[2].get("valid").asBoolean());
        assertTrue(r[2].get("error").asText().contains("nonce was already used"), r[2].toString());
        assertTrue(r[3].get("error").asText().contains("too old"), r[3].toString());
    }

    @Test
    void singleShotCommandsAndExitCodes() {
        assertEquals(0, run("", "recover", "--message", "hello world", "--signature", SIG));
        assertEquals("0x14791697260E4c9A71f18484C9f997B308e59325\n", out);
        assertEquals(0, run(SIG + "\n", "access-key", "--signature", "-"));
        assertTrue(out.startsWith("publicKey ") && out.contains("\nprivateKey "));
        assertEquals(0, run("", "keygen"));
        assertEquals(3, out.split("\n").length);
        assertEquals(0, run("", "--help"));
        assertTrue(out.startsWith("Usage: blockhost crypto"));
        assertEquals(2, run("", "frobnicate"));
        assertTrue(err.contains("unknown command 'frobnicate'"));
        assertEquals(2, run(""));
        assertEquals(2, run("", "recover", "--message", "x"));
        assertEquals(2, run("", "recover", "--bogus", "x"));
        assertEquals(1, run("", "recover", "--message", "x", "--signature", "00"));
        assertTrue(err.contains("signature must be 65 bytes"));
    }
}
