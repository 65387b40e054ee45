package org.blockhost.crypto.internal.cli;

import static org.blockhost.crypto.internal.cli.EthereumOps.result;
import static org.blockhost.crypto.internal.cli.EthereumOps.withSecret;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;

import org.blockhost.crypto.api.AesGcm;
import org.blockhost.crypto.api.Ecies;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.MlDsa;
import org.blockhost.crypto.api.Schnorr;
import org.blockhost.crypto.api.Secp256k1;

/** Batch operations on ECIES, ECDH, AES-GCM, BIP-340 and ML-DSA. */
final class CipherOps {
    private static final byte[] EMPTY = new byte[0];
    private static final SecureRandom RANDOM = new SecureRandom();

    private CipherOps() {
    }

    static void register(Map<String, Operation> ops) {
        ops.put("ecies-encrypt", r -> result("ciphertext", Hex.encode(Ecies.encrypt(r.hex("publicKey"), r.hex("plaintext")))));
        ops.put("ecies-decrypt", r -> {
            byte[] ct = r.hex("ciphertext");
            return withSecret(r.hex("privateKey"), k -> result("plaintext", Hex.encode(Ecies.decrypt(k, ct))));
        });
        ops.put("ecdh", r -> {
            byte[] pub = r.hex("publicKey");
            return withSecret(r.hex("privateKey"), k -> result("shared", Hex.encode(Secp256k1.ecdhX(k, pub))));
        });
        ops.put("aes-gcm-encrypt", CipherOps::aesEncrypt);
        ops.put("aes-gcm-decrypt", CipherOps::aesDecrypt);
        ops.put("schnorr-sign", CipherOps::schnorrSign);
        ops.put("schnorr-verify", r -> result("valid",
            Schnorr.verify(r.hex("publicKey"), r.hex("message"), r.hex("signature"))));
        ops.put("mldsa-verify", r -> result("valid", MlDsa.verify(MlDsa.Level.of((int) r.integer("level")),
            r.hex("publicKey"), r.hex("message"), r.hex("signature"), r.optHex("context", null))));
    }

    private static Map<String, Object> aesEncrypt(Request r) {
        byte[] iv = r.hex("iv");
        byte[] aad = r.optHex("aad", EMPTY);
        byte[] pt = r.hex("plaintext");
        return withSecret(r.hex("key"), key -> {
            byte[] ctTag = AesGcm.encrypt(key, iv, aad, pt);
            int split = ctTag.length - AesGcm.TAG_LENGTH;
            Map<String, Object> out = result("ciphertext", Hex.encode(Arrays.copyOf(ctTag, split)));
            out.put("tag", Hex.encode(Arrays.copyOfRange(ctTag, split, ctTag.length)));
            return out;
        });
    }

    private static Map<String, Object> aesDecrypt(Request r) {
        byte[] iv = r.hex("iv");
        byte[] aad = r.optHex("aad", EMPTY);
        byte[] ct = r.hex("ciphertext");
        byte[] tag = r.optHex("tag", EMPTY);
        if (r.has("tag") && tag.length != AesGcm.TAG_LENGTH) {
            throw new BadRequestException("field 'tag' must be 16 bytes");
        }
        byte[] ctTag = Arrays.copyOf(ct, ct.length + tag.length);
        System.arraycopy(tag, 0, ctTag, ct.length, tag.length);
        return withSecret(r.hex("key"), key -> result("plaintext", Hex.encode(AesGcm.decrypt(key, iv, aad, ctTag))));
    }

    private static Map<String, Object> schnorrSign(Request r) {
        byte[] msg = r.hex("message");
        byte[] aux = r.has("auxRand") ? r.hex("auxRand") : fresh32();
        return withSecret(r.hex("privateKey"), k -> result("signature", Hex.encode(Schnorr.sign(k, msg, aux))));
    }

    private static byte[] fresh32() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }
}
