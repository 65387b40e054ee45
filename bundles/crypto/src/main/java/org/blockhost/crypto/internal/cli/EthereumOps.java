package org.blockhost.crypto.internal.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.blockhost.crypto.api.AccessKey;
import org.blockhost.crypto.api.AccessKeyPair;
import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.CryptoException;
import org.blockhost.crypto.api.EcdsaVerify;
import org.blockhost.crypto.api.Eip55;
import org.blockhost.crypto.api.EthSignature;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.Keccak;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.crypto.api.Siwe;
import org.blockhost.crypto.api.SiweExpectations;
import org.blockhost.crypto.api.SiweMessage;
import org.blockhost.crypto.internal.siwe.Rfc3339;
import org.blockhost.crypto.internal.siwe.SiweFields;

/** Batch operations on hashes, addresses, signatures, SIWE and access keys. */
final class EthereumOps {
    /** Nonces of messages verified by this process (siwe-verify). */
    private static final Set<String> USED_NONCES = ConcurrentHashMap.newKeySet();

    private EthereumOps() {
    }

    static void register(Map<String, Operation> ops) {
        ops.put("keccak256", r -> result("hash", Hex.encode(Keccak.hash256(r.hex("data")))));
        ops.put("eip55", EthereumOps::eip55);
        ops.put("address-of-key", r -> withSecret(r.hex("privateKey"),
            k -> result("address", Address.fromPrivateKey(k).toChecksumString())));
        ops.put("personal-sign", r -> {
            byte[] msg = r.message();
            return withSecret(r.hex("privateKey"), k -> result("signature", PersonalSign.sign(k, msg).toHex()));
        });
        ops.put("recover", r -> result("address",
            PersonalSign.recover(r.message(), EthSignature.parse(r.text("signature"))).toChecksumString()));
        ops.put("ecdsa-verify", EthereumOps::ecdsaVerify);
        ops.put("siwe-parse", r -> result("fields", SiweFields.toMap(SiweMessage.parse(r.text("message")))));
        ops.put("siwe-verify", EthereumOps::siweVerify);
        ops.put("access-message", r -> result("message",
            AccessKey.message(r.text("host"), r.integer("chainId"), r.text("contract"))));
        ops.put("access-key", EthereumOps::accessKey);
    }

    private static Map<String, Object> eip55(Request r) {
        String in = r.text("address");
        String prefixed = in.startsWith("0x") || in.startsWith("0X") ? "0x" + in.substring(2) : "0x" + in;
        if (!Eip55.isWellFormed(prefixed)) {
            throw new BadRequestException("field 'address' must be 40 hex digits, optionally 0x-prefixed");
        }
        Map<String, Object> out = result("address", Eip55.checksum(prefixed));
        out.put("valid", Eip55.isValid(prefixed));
        return out;
    }

    private static Map<String, Object> ecdsaVerify(Request r) {
        String format = r.text("format");
        EcdsaVerify.Format f;
        if ("der".equals(format)) {
            f = EcdsaVerify.Format.DER;
        } else if ("p1363".equals(format)) {
            f = EcdsaVerify.Format.P1363;
        } else {
            throw new BadRequestException("field 'format' must be \"der\" or \"p1363\"");
        }
        byte[] digest = r.hex("digest");
        if (digest.length != 32) {
            throw new BadRequestException("field 'digest' must be 32 bytes");
        }
        return result("valid", EcdsaVerify.verify(digest, r.hex("signature"), f, r.hex("publicKey"), r.optBool("lowS", false)));
    }

    /**
     * Domain, URI, chain id and nonce are required. The CLI keeps no state between runs: a nonce is
     * single-use only within one process (one {@code batch} run), so callers keep their own store too.
     */
    private static Map<String, Object> siweVerify(Request r) {
        String message = r.text("message");
        String signature = r.text("signature");
        SiweExpectations expect = SiweExpectations.of(r.text("domain"), r.text("uri"), r.integer("chainId"),
            r.text("nonce"));
        if (r.has("time")) {
            Instant t = Rfc3339.parseOrNull(r.text("time"));
            if (t == null) {
                throw new BadRequestException("field 'time' must be an RFC 3339 date-time");
            }
            expect = expect.clock(Clock.fixed(t, ZoneOffset.UTC));
        }
        if (r.has("maxAgeSeconds")) {
            expect = expect.maxAge(Duration.ofSeconds(r.integer("maxAgeSeconds")));
        }
        try {
            SiweMessage m = Siwe.verify(message, signature, expect, USED_NONCES::add);
            Map<String, Object> out = result("valid", true);
            out.put("address", m.address());
            return out;
        } catch (CryptoException e) {
            Map<String, Object> out = result("valid", false);
            out.put("error", e.getMessage());
            return out;
        }
    }

    private static Map<String, Object> accessKey(Request r) {
        try (AccessKeyPair pair = AccessKey.derive(EthSignature.parse(r.text("signature")))) {
            Map<String, Object> out = result("publicKey", Hex.encode(pair.publicKey()));
            byte[] k = pair.privateKey();
            out.put("privateKey", Hex.encode(k));
            Arrays.fill(k, (byte) 0);
            return out;
        }
    }

    static Map<String, Object> result(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    /** Runs {@code fn} with a secret and wipes it afterwards. */
    static Map<String, Object> withSecret(byte[] secret, java.util.function.Function<byte[], Map<String, Object>> fn) {
        try {
            return fn.apply(secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
