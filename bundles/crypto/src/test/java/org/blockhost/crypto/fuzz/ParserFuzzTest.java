package org.blockhost.crypto.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.blockhost.crypto.api.CryptoException;
import org.blockhost.crypto.api.DecryptionException;
import org.blockhost.crypto.api.Ecies;
import org.blockhost.crypto.api.EthSignature;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.crypto.api.Secp256k1;
import org.blockhost.crypto.api.SignatureFormatException;
import org.blockhost.crypto.api.SiweException;
import org.blockhost.crypto.api.SiweMessage;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer targets. In a normal build they replay the committed seeds under src/test/resources (regression mode);
 * with JAZZER_FUZZ=1 they fuzz (see README). Any exception other than the documented one is a finding.
 */
class ParserFuzzTest {
    private static final byte[] KEY = Hex.decode("5b5b1a0ff51e4350badd6f58d9e6fa6f57fbdbde6079d12901770dda3b803081");
    private static final byte[] VALID_CT = Ecies.encrypt(Secp256k1.publicKey(KEY, false), "fuzz".getBytes(StandardCharsets.UTF_8));

    /** SIWE parser: only SiweException; accepted messages re-serialise to the identical text. */
    @FuzzTest(maxDuration = "30s")
    void siweParser(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        SiweMessage m;
        try {
            m = SiweMessage.parse(text);
        } catch (SiweException e) {
            return;
        }
        assertEquals(text, m.toMessage());
        assertEquals(m, SiweMessage.parse(m.toMessage()));
    }

    /** Signature parser (bytes and hex text): only SignatureFormatException; accepted ones round-trip. */
    @FuzzTest(maxDuration = "30s")
    void signatureParser(FuzzedDataProvider data) {
        boolean asText = data.consumeBoolean();
        byte[] raw = data.consumeRemainingAsBytes();
        EthSignature sig;
        try {
            sig = asText ? EthSignature.parse(new String(raw, StandardCharsets.ISO_8859_1)) : EthSignature.parse(raw);
        } catch (SignatureFormatException e) {
            return;
        }
        assertEquals(sig, EthSignature.parse(sig.toBytes()));
        try {
            PersonalSign.recover(raw, sig);
        } catch (CryptoException e) {
            // r not on the curve: a documented failure
        }
    }

    /** ECIES decryption of arbitrary or mutated input: only DecryptionException, never a wrong plaintext. */
    @FuzzTest(maxDuration = "30s")
    void eciesDecrypt(FuzzedDataProvider data) {
        boolean mutate = data.consumeBoolean();
        byte[] input = mutate ? mutated(data) : data.consumeRemainingAsBytes();
        try {
            byte[] pt = Ecies.decrypt(KEY, input);
            if (mutate) {
                assertArrayEquals(VALID_CT, input, "a modified ciphertext must never decrypt");
                assertArrayEquals("fuzz".getBytes(StandardCharsets.UTF_8), pt);
            }
        } catch (DecryptionException e) {
            // expected for anything but an authentic ciphertext
        }
    }

    private static byte[] mutated(FuzzedDataProvider data) {
        byte[] input = VALID_CT.clone();
        int n = data.consumeInt(0, 4);
        for (int i = 0; i < n; i++) {
            input[data.consumeInt(0, input.length - 1)] ^= (byte) data.consumeInt(1, 255);
        }
        return Arrays.copyOf(input, data.consumeInt(0, input.length));
    }
}
