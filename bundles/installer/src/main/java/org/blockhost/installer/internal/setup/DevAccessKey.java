package org.blockhost.installer.internal.setup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.blockhost.crypto.api.AccessKey;
import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.installer.api.AccessKeyRequest;
import org.blockhost.installer.api.StepException;

/**
 * Dev mode only: answers the admin access key from the dev admin wallet's key file, the way the
 * admin's own wallet would (DESIGN.md "Access key": EIP-191 signature of the message, then K).
 * The key and the signature never leave this class; the key bytes are wiped after use.
 */
final class DevAccessKey {
    private DevAccessKey() {
    }

    /**
     * The answers to add: the access key (and the wallet when none is answered), or nothing when
     * the key is already answered or the message is not known yet.
     */
    static Map<String, String> answers(AccessKeyRequest request, Map<String, String> saved, Path keyFile)
            throws StepException {
        if (saved.containsKey(request.accessKeyKey()) || request.message().isEmpty()) {
            return Map.of();
        }
        byte[] key = readKey(keyFile);
        try {
            Address address = Address.fromPrivateKey(key);
            Map<String, String> out = new LinkedHashMap<>();
            if (request.wallet().isEmpty()) {
                out.put(request.walletKey(), address.toChecksumString());
            } else if (!matches(request.wallet().get(), address)) {
                throw new StepException("the dev admin key file " + keyFile + " is not the key of the answered admin wallet "
                        + request.wallet().get());
            }
            byte[] k = AccessKey.publicKey(PersonalSign.sign(key, request.message().get()));
            out.put(request.accessKeyKey(), Hex.encode(k));
            return out;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static boolean matches(String wallet, Address address) {
        try {
            return Address.parse(wallet.strip()).equals(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] readKey(Path keyFile) throws StepException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(keyFile);
        } catch (IOException e) {
            throw new StepException("cannot read the dev admin key file " + keyFile);
        }
        String text = new String(raw, StandardCharsets.US_ASCII).strip();
        Arrays.fill(raw, (byte) 0);
        try {
            return Hex.decode(text, 32, "dev admin key");
        } catch (IllegalArgumentException e) {
            throw new StepException("the dev admin key file " + keyFile + " does not hold a 32-byte hex key");
        }
    }
}
