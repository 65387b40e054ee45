package org.blockhost.engine.opnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.Schnorr;
import org.blockhost.engine.api.InvalidSignatureException;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.MLDSAKeyGenerationParameters;
import org.bouncycastle.crypto.generators.MLDSAKeyPairGenerator;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.junit.jupiter.api.Test;

class OpnetSignInTest {
    private static final String MESSAGE = "Sign in to blockhost.example\nNonce: 8f1c2a9d";
    private static final BigInteger N = CustomNamedCurves.getByName("secp256k1").getN();

    /** Every row of bip-0340/test-vectors.csv through the engine's verifier (untweaked key, raw message). */
    @Test
    void bip340VectorsAllRows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("blockhost.vectors"), "bip340", "test-vectors.csv"));
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            boolean verifies = OpnetSignIn.schnorrVerifies(Hex.decode(f[2]), Hex.decode(f[4]), Hex.decode(f[5]));
            assertEquals(f[6].equals("TRUE"), verifies, "row " + f[0] + " " + f[7]);
            checked++;
        }
        assertEquals(19, checked);
    }

    /** bip-0341 wallet-test-vectors scriptPubKey: internal key + merkle root → tweaked output key. */
    @Test
    void bip341OutputKeys() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("src/test/resources/bip341-tweaks.csv"));
        int checked = 0;
        for (String row : rows) {
            if (row.startsWith("#")) {
                continue;
            }
            String[] f = row.split(",", -1);
            assertEquals(f[2], Hex.encode(TaprootTweak.outputKey(Hex.decode(f[0]), Hex.decode(f[1]))), row);
            checked++;
        }
        assertEquals(7, checked);
    }

    /**
     * pam_web3's OPNet logins (pam/tests/vectors, verified by {@code make -C pam test}) in the text the signing page
     * gives ({@code web/src/op-wallet.js}: {@code schnorr:<public key>:<signature>}) prove the wallet's Taproot key here too.
     */
    @Test
    void signingPageTextOfPamLoginVectors() throws IOException, InvalidSignatureException {
        JsonNode vectors = new ObjectMapper().readTree(Path.of("../pam/tests/vectors/opnet-sdk-login.json").toFile()).get("vectors");
        assertEquals(4, vectors.size());
        for (JsonNode v : vectors) {
            String message = v.get("message").asText();
            for (String sig : List.of(v.get("signatureInternal").asText(), v.get("signatureTweaked").asText())) {
                String text = "schnorr:" + v.get("publicKey").asText() + ":" + sig;
                assertEquals("0x" + v.get("tweakedKey").asText(), OpnetSignIn.schnorrTaprootKey(message, text), text);
                assertThrows(InvalidSignatureException.class, () -> OpnetSignIn.schnorrTaprootKey(message + ".", text));
            }
        }
    }

    @Test
    void schnorrWithInternalOrTweakedKeyProvesTheTaprootKey() throws Exception {
        byte[] sk = new byte[32];
        new SecureRandom().nextBytes(sk);
        byte[] internal = Schnorr.publicKey(sk);
        byte[] output = TaprootTweak.outputKey(internal, new byte[0]);
        String expected = "0x" + Hex.encode(output);
        byte[] digest = OpnetSignIn.digest(MESSAGE);
        byte[] untweakedSig = Schnorr.sign(sk, digest, new byte[32]);
        byte[] tweakedSig = Schnorr.sign(tweakedSecret(sk, internal), digest, new byte[32]);
        String key = Hex.encode(internal);
        assertEquals(expected, OpnetSignIn.schnorrTaprootKey(MESSAGE, "schnorr:" + key + ":" + Hex.encode(untweakedSig)));
        assertEquals(expected, OpnetSignIn.schnorrTaprootKey(MESSAGE, "schnorr:02" + key + ":" + Hex.encode(tweakedSig)));
        assertThrows(InvalidSignatureException.class,
                () -> OpnetSignIn.schnorrTaprootKey(MESSAGE + " ", "schnorr:" + key + ":" + Hex.encode(tweakedSig)));
        byte[] other = Schnorr.publicKey(tweakedSecret(sk, internal));
        assertThrows(InvalidSignatureException.class, () -> OpnetSignIn.schnorrTaprootKey(MESSAGE,
                "schnorr:" + Hex.encode(TaprootTweak.outputKey(other, new byte[0])) + ":" + Hex.encode(untweakedSig)));
    }

    @Test
    void mlDsaSignerIsSha256OfThePublicKey() throws Exception {
        for (int level : new int[] {44, 65}) {
            String[] signed = mlDsaSign(level, MESSAGE);
            assertEquals(signed[1], OpnetSignIn.mlDsaSigner(MESSAGE, signed[0]));
            assertThrows(InvalidSignatureException.class, () -> OpnetSignIn.mlDsaSigner(MESSAGE + "x", signed[0]));
            String[] parts = signed[0].split(":");
            byte[] sig = Hex.decode(parts[3]);
            sig[10] ^= 1;
            assertThrows(InvalidSignatureException.class, () -> OpnetSignIn.mlDsaSigner(MESSAGE,
                    parts[0] + ":" + parts[1] + ":" + parts[2] + ":" + Hex.encode(sig)));
        }
    }

    /** A fresh ML-DSA wallet signs SHA-256(message) as OP_WALLET does: {signature text, OPNet address}. */
    static String[] mlDsaSign(int level, String message) throws Exception {
        MLDSAParameters params = level == 44 ? MLDSAParameters.ml_dsa_44 : MLDSAParameters.ml_dsa_65;
        MLDSAKeyPairGenerator gen = new MLDSAKeyPairGenerator();
        gen.init(new MLDSAKeyGenerationParameters(new SecureRandom(), params));
        AsymmetricCipherKeyPair pair = gen.generateKeyPair();
        byte[] pk = ((MLDSAPublicKeyParameters) pair.getPublic()).getEncoded();
        MLDSASigner signer = new MLDSASigner();
        signer.init(true, new ParametersWithRandom(pair.getPrivate(), new SecureRandom()));
        byte[] digest = OpnetSignIn.digest(message);
        signer.update(digest, 0, digest.length);
        String text = "mldsa:" + level + ":" + Hex.encode(pk) + ":" + Hex.encode(signer.generateSignature());
        return new String[] {text, "0x" + Hex.encode(TaprootTweak.sha256(pk))};
    }

    @Test
    void malformedSignaturesAreRefusedWithAReason() {
        String[] bad = {null, "", "mldsa", "mldsa:44:00:00", "mldsa:43:00:00", "mldsa:x:00:00", "mldsa:44:zz:00",
            "schnorr:00:00", "schnorr:" + "00".repeat(32) + ":" + "00".repeat(64), "schnorr:" + "11".repeat(32) + ":"
                + "00".repeat(63), "ecdsa:00:00", "schnorr:a:b:c", "x".repeat(20_000)};
        for (String s : bad) {
            InvalidSignatureException e = assertThrows(InvalidSignatureException.class,
                    () -> OpnetSignIn.schnorrTaprootKey(MESSAGE, s));
            assertEquals(false, e.getMessage().isBlank());
            assertThrows(InvalidSignatureException.class, () -> OpnetSignIn.mlDsaSigner(MESSAGE, s));
        }
    }

    /** BIP-341 tweaked secret: (d or n − d so that P has even y) + t mod n. */
    private static byte[] tweakedSecret(byte[] sk, byte[] internal) {
        BigInteger d = new BigInteger(1, sk);
        var p = CustomNamedCurves.getByName("secp256k1").getG().multiply(d).normalize();
        if (p.getAffineYCoord().testBitZero()) {
            d = N.subtract(d);
        }
        BigInteger t = new BigInteger(1, TaprootTweak.taggedHash("TapTweak", internal));
        byte[] raw = d.add(t).mod(N).toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }
}
