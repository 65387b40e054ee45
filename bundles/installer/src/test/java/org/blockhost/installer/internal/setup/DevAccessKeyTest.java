package org.blockhost.installer.internal.setup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.blockhost.crypto.api.AccessKey;
import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.crypto.api.Secp256k1;
import org.blockhost.installer.api.AccessKeyRequest;
import org.blockhost.installer.api.StepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev admin's access key, answered in Java from its key file. */
class DevAccessKeyTest {
    private static final String CONTRACT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final String MESSAGE = AccessKey.message("localhost", 31337, CONTRACT);

    @TempDir
    Path tmp;

    private Path keyFile(byte[] key) throws Exception {
        Path f = tmp.resolve("admin.key");
        Files.writeString(f, Hex.encode(key) + "\n", StandardCharsets.US_ASCII);
        return f;
    }

    private static AccessKeyRequest request(Optional<String> wallet, Optional<String> message) {
        return new AccessKeyRequest("evm.adminWallet", "evm.adminAccessKey", wallet, message);
    }

    @Test
    void theKeyIsTheOneTheAdminsOwnSignatureOfTheMessageOpens() throws Exception {
        byte[] key = Secp256k1.generatePrivateKey();
        String wallet = Address.fromPrivateKey(key).toChecksumString();
        Map<String, String> answers = DevAccessKey.answers(request(Optional.of(wallet), Optional.of(MESSAGE)),
                Map.of("evm.adminWallet", wallet), keyFile(key));
        assertEquals(1, answers.size(), answers.toString());
        String k = answers.get("evm.adminAccessKey");
        assertTrue(AccessKey.isValidCompressed(k), k);
        byte[] sealed = AccessKey.encrypt(Hex.decode(k), "admin".getBytes(StandardCharsets.UTF_8));
        // the admin's wallet re-signs the same message (RFC 6979: the same signature) and opens it
        assertArrayEquals("admin".getBytes(StandardCharsets.UTF_8), AccessKey.decrypt(PersonalSign.sign(key, MESSAGE), sealed));
    }

    @Test
    void theWalletIsAnsweredFromTheKeyWhenMissing() throws Exception {
        byte[] key = Secp256k1.generatePrivateKey();
        Map<String, String> answers = DevAccessKey.answers(request(Optional.empty(), Optional.of(MESSAGE)), Map.of(),
                keyFile(key));
        assertEquals(Address.fromPrivateKey(key).toChecksumString(), answers.get("evm.adminWallet"));
    }

    @Test
    void nothingBeforeTheMessageIsKnownOrWhenTheKeyIsAnswered() throws Exception {
        Path file = keyFile(Secp256k1.generatePrivateKey());
        assertEquals(Map.of(), DevAccessKey.answers(request(Optional.empty(), Optional.empty()), Map.of(), file));
        assertEquals(Map.of(), DevAccessKey.answers(request(Optional.empty(), Optional.of(MESSAGE)),
                Map.of("evm.adminAccessKey", "02" + "11".repeat(32)), file));
    }

    @Test
    void aKeyFileOfAnotherWalletIsRefusedWithoutShowingTheKey() throws Exception {
        byte[] key = Secp256k1.generatePrivateKey();
        String other = Address.fromPrivateKey(Secp256k1.generatePrivateKey()).toChecksumString();
        StepException e = assertThrows(StepException.class, () -> DevAccessKey.answers(
                request(Optional.of(other), Optional.of(MESSAGE)), Map.of(), keyFile(key)));
        assertTrue(e.getMessage().contains("not the key of the answered admin wallet"), e.getMessage());
        assertTrue(!e.getMessage().contains(Hex.encode(key)), "the key is never in the message");
    }

    @Test
    void aKeyFileThatIsNotAKeyIsRefusedWithoutEchoingIt() throws Exception {
        Path f = tmp.resolve("notakey");
        Files.writeString(f, "secret words, not hex");
        StepException e = assertThrows(StepException.class,
                () -> DevAccessKey.answers(request(Optional.empty(), Optional.of(MESSAGE)), Map.of(), f));
        assertTrue(!e.getMessage().contains("secret words"), e.getMessage());
    }
}
