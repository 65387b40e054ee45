package org.blockhost.crypto.unit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.blockhost.crypto.api.AccessKey;
import org.blockhost.crypto.api.AccessKeyPair;
import org.blockhost.crypto.api.AesGcm;
import org.blockhost.crypto.api.DecryptionException;
import org.blockhost.crypto.api.EcdsaVerify;
import org.blockhost.crypto.api.Ecies;
import org.blockhost.crypto.api.EthSignature;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.crypto.api.Secp256k1;
import org.junit.jupiter.api.Test;

/** ECIES rejection paths, AES-GCM layout, access key details, raw ECDSA verify, secret hygiene. */
class PrimitivesTest {
    private static final byte[] KEY = Hex.decode("5b5b1a0ff51e4350badd6f58d9e6fa6f57fbdbde6079d12901770dda3b803081");

    @Test
    void eciesRejectsBadEphemeralKeysAndTruncation() {
        byte[] ct = Ecies.encrypt(Secp256k1.publicKey(KEY, true), "secret".getBytes(StandardCharsets.UTF_8));
        byte[] offCurve = ct.clone();
        offCurve[64] ^= 1; // y no longer matches x
        assertDecryptFails("ECIES ephemeral public key is invalid: public key is not", offCurve);
        byte[] badPrefix = ct.clone();
        badPrefix[0] = 0x05;
        assertDecryptFails("ECIES ephemeral public key has an invalid prefix byte 0x5", badPrefix);
        byte[] infinity = new byte[ct.length];
        assertDecryptFails("ECIES ephemeral public key has an invalid prefix byte 0x0", infinity);
        assertDecryptFails("ECIES ciphertext is truncated", Arrays.copyOf(ct, 96));
        byte[] tampered = ct.clone();
        tampered[ct.length - 1] ^= 0x40;
        assertDecryptFails("ECIES authentication failed", tampered);
        assertArrayEquals("secret".getBytes(StandardCharsets.UTF_8), Ecies.decrypt(KEY, ct));
    }

    private static void assertDecryptFails(String prefix, byte[] ct) {
        DecryptionException e = assertThrows(DecryptionException.class, () -> Ecies.decrypt(KEY, ct));
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }

    @Test
    void aesGcmLayoutIsIvCiphertextTag() {
        byte[] key = new byte[32];
        byte[] sealed = AesGcm.seal(key, "hi".getBytes(StandardCharsets.UTF_8), null);
        assertEquals(12 + 2 + 16, sealed.length);
        assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), AesGcm.open(key, sealed, null));
        sealed[13] ^= 1;
        assertThrows(DecryptionException.class, () -> AesGcm.open(key, sealed, null));
        assertThrows(DecryptionException.class, () -> AesGcm.open(key, new byte[27], null));
    }

    @Test
    void accessKeyDerivationAndHygiene() {
        String msg = AccessKey.message("localhost", 31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3");
        assertEquals("BlockHost access key\nHost: localhost\nChain ID: 31337\n"
            + "Contract: 0x5FbDB2315678afecb367f032d93F642f64180aa3\nVersion: 1", msg);
        EthSignature sig = PersonalSign.sign(KEY, msg);
        byte[] raw = sig.toBytes();
        raw[64] -= 27; // v as 0/1 derives the same key
        AccessKeyPair pair = AccessKey.derive(Hex.encode(raw));
        assertArrayEquals(pair.publicKey(), AccessKey.publicKey(sig));
        assertArrayEquals(pair.publicKey(), AccessKey.normalize(Secp256k1.normalizePublicKey(pair.publicKey(), false)));
        String k = Hex.encode(pair.privateKey());
        assertFalse(pair.toString().contains(k), "toString must not reveal k");
        byte[] ct = AccessKey.encrypt(pair.publicKey(), "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"v\":1}", new String(AccessKey.decrypt(sig, ct), StandardCharsets.UTF_8));
        pair.destroy();
        assertThrows(IllegalStateException.class, pair::privateKey);
    }

    @Test
    void ecdsaVerifyRawAndLowS() {
        byte[] digest = PersonalSign.hash("x");
        EthSignature s = PersonalSign.sign(KEY, "x");
        byte[] p1363 = Arrays.copyOf(s.toBytes(), 64);
        byte[] pub = Secp256k1.publicKey(KEY, true);
        assertTrue(EcdsaVerify.verify(digest, p1363, EcdsaVerify.Format.P1363, pub, true));
        byte[] high = p1363.clone();
        byte[] highS = Hex.decode(String.format("%064x", org.blockhost.crypto.internal.Curve.N.subtract(s.s())));
        System.arraycopy(highS, 0, high, 32, 32);
        assertTrue(EcdsaVerify.verify(digest, high, EcdsaVerify.Format.P1363, pub, false));
        assertFalse(EcdsaVerify.verify(digest, high, EcdsaVerify.Format.P1363, pub, true));
        assertFalse(EcdsaVerify.verify(digest, p1363, EcdsaVerify.Format.DER, pub, false));
    }
}
