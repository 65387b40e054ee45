package org.blockhost.crypto.vectors;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.blockhost.crypto.api.AesGcm;
import org.blockhost.crypto.api.DecryptionException;
import org.blockhost.crypto.api.Ecies;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.Hkdf;
import org.blockhost.crypto.api.Secp256k1;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** ecies/ecies_known.json: key derivation, ECDH, HKDF encapsulation, AES-GCM known answers, eciesjs ciphertexts. */
class EciesVectorsTest {
    private static final String FILE = "ecies/ecies_known.json";

    @Test
    void eciesKnown() {
        Vectors.Tally t = new Vectors.Tally(FILE);
        JsonNode root = Vectors.json(FILE);
        for (JsonNode c : root.get("key_derivation")) {
            t.check("key_derivation", true, Hex.encode(Secp256k1.publicKey(hex(c, "sk"), false)).equals(c.get("pk_uncompressed").asText()));
        }
        for (JsonNode c : root.get("point_multiply")) {
            byte[] shared = Secp256k1.sharedPoint(hex(c, "sk"), hex(c, "peer_pk"), true);
            t.check("point_multiply", true, Hex.encode(shared).equals(c.get("shared_point_compressed").asText()));
        }
        for (JsonNode c : root.get("encapsulate")) {
            encapsulate(t, c);
        }
        for (JsonNode c : root.get("decrypt_known")) {
            // xchacha20-poly1305 variant: not our profile (AES-256-GCM); must be rejected, never mis-decrypted
            t.check("decrypt_known " + c.get("symmetric").asText() + " (rejected: not AES-GCM)", false,
                decrypts(hex(c, "sk"), hex(c, "ciphertext_hex")));
        }
        int i = 0;
        for (JsonNode c : root.get("symmetric_known")) {
            symmetric(t, c, "symmetric_known[" + i++ + "]");
        }
        for (JsonNode c : root.get("generated_with_eciesjs")) {
            byte[] pt = Ecies.decrypt(hex(c, "recipient_sk"), hex(c, "ciphertext_hex"));
            t.check(c.get("name").asText(), true, Hex.encode(pt).equals(c.get("plaintext_hex").asText()));
            byte[] tampered = hex(c, "ciphertext_hex");
            tampered[tampered.length - 1] ^= 1;
            t.check(c.get("name").asText() + " tampered", false, decrypts(hex(c, "recipient_sk"), tampered));
        }
        t.report();
    }

    private static void encapsulate(Vectors.Tally t, JsonNode c) {
        byte[] sender = scalar(c.get("sender_sk_int").asInt());
        byte[] recipient = scalar(c.get("recipient_sk_int").asInt());
        byte[] recipientPk = Secp256k1.publicKey(recipient, false);
        for (boolean compressed : new boolean[] {false, true}) {
            byte[] senderPk = Secp256k1.publicKey(sender, compressed);
            byte[] shared = Secp256k1.sharedPoint(sender, recipientPk, compressed);
            byte[] ikm = Arrays.copyOf(senderPk, senderPk.length + shared.length);
            System.arraycopy(shared, 0, ikm, senderPk.length, shared.length);
            String key = compressed ? "shared_secret_hkdf_compressed" : "shared_secret_hkdf_uncompressed";
            t.check("encapsulate " + key, true, Hex.encode(Hkdf.sha256(ikm, null, null, 32)).equals(c.get(key).asText()));
        }
    }

    private static void symmetric(Vectors.Tally t, JsonNode c, String id) {
        byte[] aad = c.has("aad") ? hex(c, "aad") : null;
        byte[] ctTag = WycheproofVectorsTest.concat(hex(c, "ciphertext"), hex(c, "tag"));
        byte[] expected = c.has("plaintext_hex") ? hex(c, "plaintext_hex")
            : c.get("plaintext_utf8").asText().getBytes(StandardCharsets.UTF_8);
        byte[] pt = AesGcm.crypt(false, hex(c, "key"), hex(c, "nonce"), aad, ctTag);
        byte[] ct = AesGcm.crypt(true, hex(c, "key"), hex(c, "nonce"), aad, expected);
        t.check(id, true, Arrays.equals(pt, expected) && Arrays.equals(ct, ctTag));
    }

    private static boolean decrypts(byte[] sk, byte[] ct) {
        try {
            Ecies.decrypt(sk, ct);
            return true;
        } catch (DecryptionException e) {
            return false;
        }
    }

    private static byte[] scalar(int v) {
        byte[] b = new byte[32];
        byte[] raw = BigInteger.valueOf(v).toByteArray();
        System.arraycopy(raw, 0, b, 32 - raw.length, raw.length);
        return b;
    }

    private static byte[] hex(JsonNode c, String f) {
        return Hex.decode(c.get(f).asText());
    }
}
