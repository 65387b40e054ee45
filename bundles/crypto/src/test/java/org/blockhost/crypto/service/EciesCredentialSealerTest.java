package org.blockhost.crypto.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.blockhost.crypto.api.AccessKey;
import org.blockhost.crypto.api.AccessKeyPair;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.crypto.internal.service.EciesCredentialSealer;
import org.junit.jupiter.api.Test;

class EciesCredentialSealerTest {
    private static final byte[] WALLET_KEY = Hex.decode("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

    @Test
    void sealedCredentialsOpenWithTheWalletsSignatureOnly() {
        String message = AccessKey.message("localhost", 31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
        String signature = Hex.encode(PersonalSign.sign(WALLET_KEY, message.getBytes(StandardCharsets.UTF_8)).toBytes());
        String accessKey;
        try (AccessKeyPair pair = AccessKey.derive(signature)) {
            accessKey = Hex.encode(pair.publicKey());
        }
        byte[] plaintext = "{\"v\":1,\"vm\":\"blockhost-001\",\"host\":\"h\",\"port\":22,\"user\":\"u\"}"
                .getBytes(StandardCharsets.UTF_8);
        EciesCredentialSealer sealer = new EciesCredentialSealer();
        byte[] blob = sealer.seal(accessKey, plaintext);
        assertFalse(Arrays.equals(blob, sealer.seal(accessKey, plaintext)), "fresh ephemeral key per call");
        assertArrayEquals(plaintext, AccessKey.decrypt(PersonalSign.sign(WALLET_KEY,
                message.getBytes(StandardCharsets.UTF_8)), blob));
    }

    @Test
    void rejectsKeysThatAreNotCompressedPoints() {
        EciesCredentialSealer sealer = new EciesCredentialSealer();
        assertThrows(IllegalArgumentException.class, () -> sealer.seal("04" + "11".repeat(64), new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> sealer.seal("02" + "ff".repeat(32), new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> sealer.seal(null, new byte[1]));
    }
}
