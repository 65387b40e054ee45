package org.blockhost.crypto.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.Eip55;
import org.blockhost.crypto.api.EthSignature;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.Keccak;
import org.blockhost.crypto.api.PersonalSign;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** ethers accounts / hashes / personal_sign and EIP-55 spec vectors. */
class EthereumVectorsTest {

    @Test
    void ethersAccounts() {
        Vectors.Tally t = new Vectors.Tally("ethers/accounts.json");
        for (JsonNode c : Vectors.json("ethers/accounts.json")) {
            String expected = c.get("address").asText();
            Address a = Address.fromPrivateKey(Hex.decode(c.get("privateKey").asText()));
            boolean ok = a.toChecksumString().equals(expected) && Eip55.isValid(expected)
                && Eip55.checksum(expected.toLowerCase()).equals(expected);
            t.check(c.get("name").asText(), true, ok);
        }
        t.report();
    }

    @Test
    void ethersHashes() {
        Vectors.Tally t = new Vectors.Tally("ethers/hashes.json");
        for (JsonNode c : Vectors.json("ethers/hashes.json")) {
            byte[] h = Keccak.hash256(Hex.decode(c.get("data").asText()));
            t.check(c.get("name").asText(), true, Hex.encodePrefixed(h).equals(c.get("keccak256").asText()));
        }
        t.report();
    }

    @Test
    void ethersPersonalSign() {
        Vectors.Tally t = new Vectors.Tally("ethers/personal_sign.json");
        JsonNode root = Vectors.json("ethers/personal_sign.json");
        for (JsonNode c : root.get("ethers_v5_signMessage")) {
            byte[] msg = message(c);
            byte[] key = Hex.decode(c.get("privateKey").asText());
            EthSignature sig = PersonalSign.sign(key, msg);
            EthSignature expected = EthSignature.parse(c.get("signature").asText());
            boolean ok = Hex.encodePrefixed(PersonalSign.hash(msg)).equals(c.get("messageHash").asText())
                && sig.equals(expected) && ("0x" + sig.toHex()).equals(c.get("signature").asText())
                && PersonalSign.recover(msg, expected).toChecksumString().equals(c.get("address").asText());
            t.check(c.get("name").asText(), true, ok);
        }
        for (JsonNode c : root.get("ethers_v6_hashMessage")) {
            t.check(c.get("name").asText(), true,
                Hex.encodePrefixed(PersonalSign.hash(message(c))).equals(c.get("hash").asText()));
        }
        t.report();
    }

    private static byte[] message(JsonNode c) {
        if (c.has("message_utf8")) {
            byte[] utf8 = c.get("message_utf8").asText().getBytes(StandardCharsets.UTF_8);
            assertEquals(c.get("message_hex").asText(), Hex.encodePrefixed(utf8), "vector's hex and utf8 disagree");
            return utf8;
        }
        return Hex.decode(c.get("message_hex").asText());
    }

    @Test
    void eip55Spec() {
        Vectors.Tally t = new Vectors.Tally("eip55/eip55_spec.json");
        JsonNode root = Vectors.json("eip55/eip55_spec.json");
        for (JsonNode group : root.get("valid_checksummed")) {
            for (JsonNode a : group.get("addresses")) {
                String addr = a.asText();
                t.check(addr, true, Eip55.isValid(addr) && Eip55.checksum(addr.toLowerCase()).equals(addr)
                    && Eip55.checksum(addr).equals(addr));
            }
        }
        for (JsonNode a : root.get("invalid_checksum")) {
            String addr = a.get("address").asText();
            t.check(addr, false, Eip55.isValid(addr));
        }
        t.report();
    }
}
