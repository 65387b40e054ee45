package org.blockhost.crypto.vectors;

import java.util.Arrays;

import org.blockhost.crypto.api.AesGcm;
import org.blockhost.crypto.api.CryptoException;
import org.blockhost.crypto.api.EcdsaVerify;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.Hkdf;
import org.blockhost.crypto.api.MlDsa;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** C2SP Wycheproof: AES-GCM (our profile), ECDSA secp256k1, HKDF-SHA256, ML-DSA-44 verify. */
class WycheproofVectorsTest {

    @Test
    void aesGcm() {
        Vectors.Tally t = new Vectors.Tally("wycheproof/aes_gcm_test.json");
        for (JsonNode g : Vectors.json("wycheproof/aes_gcm_test.json").get("testGroups")) {
            boolean inProfile = g.get("keySize").asInt() == 256 && g.get("ivSize").asInt() == 96 && g.get("tagSize").asInt() == 128;
            for (JsonNode c : g.get("tests")) {
                if (!inProfile) {
                    t.skip();
                    continue;
                }
                t.check(id(c), valid(c), aesCase(c));
            }
        }
        t.report();
    }

    private static boolean aesCase(JsonNode c) {
        byte[] key = hex(c, "key");
        byte[] iv = hex(c, "iv");
        byte[] aad = hex(c, "aad");
        byte[] ctTag = concat(hex(c, "ct"), hex(c, "tag"));
        boolean decrypts;
        try {
            decrypts = Arrays.equals(AesGcm.decrypt(key, iv, aad, ctTag), hex(c, "msg"));
        } catch (CryptoException | IllegalArgumentException e) {
            decrypts = false;
        }
        if (valid(c)) {
            byte[] sealed = AesGcm.seal(key, iv, hex(c, "msg"), aad);
            boolean encrypts = Arrays.equals(sealed, concat(iv, ctTag))
                && Arrays.equals(AesGcm.open(key, sealed, aad), hex(c, "msg"));
            return decrypts && encrypts;
        }
        return decrypts;
    }

    @Test
    void ecdsaSecp256k1Sha256() {
        Vectors.Tally t = new Vectors.Tally("wycheproof/ecdsa_secp256k1_sha256_test.json");
        for (JsonNode g : Vectors.json("wycheproof/ecdsa_secp256k1_sha256_test.json").get("testGroups")) {
            byte[] pub = Hex.decode(g.get("publicKey").get("uncompressed").asText());
            for (JsonNode c : g.get("tests")) {
                byte[] digest = sha256(hex(c, "msg"));
                boolean ok = EcdsaVerify.verify(digest, hex(c, "sig"), EcdsaVerify.Format.DER, pub, false);
                t.check(id(c), valid(c), ok);
            }
        }
        t.report();
    }

    @Test
    void hkdfSha256() {
        Vectors.Tally t = new Vectors.Tally("wycheproof/hkdf_sha256_test.json");
        for (JsonNode g : Vectors.json("wycheproof/hkdf_sha256_test.json").get("testGroups")) {
            for (JsonNode c : g.get("tests")) {
                boolean ok;
                try {
                    byte[] okm = Hkdf.sha256(hex(c, "ikm"), hex(c, "salt"), hex(c, "info"), c.get("size").asInt());
                    ok = Arrays.equals(okm, hex(c, "okm"));
                } catch (IllegalArgumentException e) {
                    ok = false;
                }
                t.check(id(c), valid(c), ok);
            }
        }
        t.report();
    }

    @Test
    void mldsa44Verify() {
        Vectors.Tally t = new Vectors.Tally("wycheproof/mldsa_44_verify_test.json");
        for (JsonNode g : Vectors.json("wycheproof/mldsa_44_verify_test.json").get("testGroups")) {
            byte[] pub = Hex.decode(g.get("publicKey").asText());
            for (JsonNode c : g.get("tests")) {
                byte[] ctx = c.has("ctx") ? hex(c, "ctx") : null;
                boolean ok = MlDsa.verify(MlDsa.Level.ML_DSA_44, pub, hex(c, "msg"), hex(c, "sig"), ctx);
                t.check(id(c), valid(c), ok);
            }
        }
        t.report();
    }

    static String id(JsonNode c) {
        return "tcId " + c.get("tcId").asInt() + " " + c.path("comment").asText();
    }

    static boolean valid(JsonNode c) {
        String r = c.get("result").asText();
        if (r.equals("acceptable")) {
            throw new AssertionError("unexpected 'acceptable' case " + id(c));
        }
        return r.equals("valid");
    }

    static byte[] hex(JsonNode c, String field) {
        return Hex.decode(c.get(field).asText());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] sha256(byte[] data) {
        SHA256Digest d = new SHA256Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
