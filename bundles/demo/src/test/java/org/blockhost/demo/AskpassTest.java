package org.blockhost.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.EthSignature;
import org.blockhost.crypto.api.PersonalSign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The askpass signer on the prompt text OpenSSH hands over for pam_web3's challenge. */
class AskpassTest {
    static final String WALLET1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    /** The message as pam_web3 builds it (pam/src/siwe.c). */
    static String message(String wallet, String uri) {
        return "vm-test.local:2222 wants you to sign in with your Ethereum account:\n" + wallet + "\n\n"
                + "Log in to admin@blockhost-001 over SSH.\n\n"
                + "URI: " + uri + "\n"
                + "Version: 1\nChain ID: 31337\nNonce: 3kVq9mB2xTa7Lr0p\n"
                + "Issued At: 2026-11-23T00:40:00Z\nExpiration Time: 2026-11-23T00:45:00Z";
    }

    /** What ssh passes as $1 in the second round: pam_web3's two info messages and its prompt, joined by sshd. */
    static String prompt(String message) {
        return message + "\n\nStep 2 of 2: sign the message above with that wallet. To sign it in a browser, open:\n"
                + "https://vm-test.local/sign?message=vm-test.local%3A2222%20wants%20you%20to%20sign%20in\n"
                + "or sign the text from its first line through the Expiration Time line with a CLI wallet (see "
                + "pam_web3(8)).\nThen paste the signature (0x followed by 130 hex digits).\nSignature: ";
    }

    /** What ssh passes as $1 in the first round (pam/src/prompt.c), with OpenSSH's prefix. */
    static final String WALLET_PROMPT = "(admin@127.0.0.1) Wallet login to admin@blockhost-001.\nStep 1 of 2: enter "
            + "the address of the wallet that owns this VM (0x followed by 40 hex digits).\nWallet address: ";

    @Test
    void answersTheWalletPromptWithTheAddressAndNothingElse() {
        Address me = Address.parse(WALLET1);
        assertTrue(SiwePrompt.asksForWallet(WALLET_PROMPT));
        assertTrue(!SiwePrompt.asksForWallet(prompt(message(WALLET1, "ssh://vm-test.local:2222"))));
        assertTrue(!SiwePrompt.asksForWallet("admin@127.0.0.1's password: "));
        assertEquals(WALLET1, SiwePrompt.answer(WALLET_PROMPT, me, m -> "never signs"));
        String m = message(WALLET1, "ssh://vm-test.local:2222");
        assertEquals("signed " + m, SiwePrompt.answer(prompt(m), me, x -> "signed " + x));
        assertThrows(DemoException.class, () -> SiwePrompt.answer("Password: ", me, x -> "signed"));
    }

    @Test
    void extractsTheExactMessageFromThePrompt() {
        String m = message(WALLET1, "ssh://vm-test.local:2222");
        assertEquals(m, SiwePrompt.extract(prompt(m)));
        assertEquals(m, SiwePrompt.extract(prompt(m).replace("\n", "\r\n")));
        assertEquals(m, SiwePrompt.extract("(admin@127.0.0.1) " + prompt(m)));
        assertNull(SiwePrompt.extract("admin@127.0.0.1's password: "));
        assertNull(SiwePrompt.extract(m.substring(0, m.indexOf("Expiration"))));
    }

    @Test
    void signsOnlyAnSshLoginAddressedToThisWallet() {
        Address me = Address.parse(WALLET1);
        String m = message(WALLET1, "ssh://vm-test.local:2222");
        assertEquals(m, SiwePrompt.sshLoginMessage(prompt(m), me));
        String other = message("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "ssh://vm-test.local:2222");
        assertTrue(assertThrows(DemoException.class, () -> SiwePrompt.sshLoginMessage(prompt(other), me))
                .getMessage().contains("not this wallet's VM"));
        String web = message(WALLET1, "https://vm-test.local:2222/admin");
        assertTrue(assertThrows(DemoException.class, () -> SiwePrompt.sshLoginMessage(prompt(web), me))
                .getMessage().contains("is not an SSH login"));
        assertThrows(DemoException.class, () -> SiwePrompt.sshLoginMessage("Password: ", me));
        String bad = m.replace("Version: 1", "Version: 2");
        assertTrue(assertThrows(DemoException.class, () -> SiwePrompt.sshLoginMessage(prompt(bad), me))
                .getMessage().startsWith("the sign-in message is malformed"));
    }

    @Test
    void theAskpassProgramSignsThePromptWithTheKeyFileFromTheEnvironment(@TempDir Path dir) throws Exception {
        Path key = TestStack.keyFile(dir, "w.key", TestStack.ANVIL_KEYS[1]);
        Path script = WalletSsh.writeAskpass(dir);
        String m = message(WALLET1, "ssh://vm-test.local:2222");

        Process p = askpass(script, key, prompt(m));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals(Address.parse(WALLET1), PersonalSign.recover(m, EthSignature.parse(out)));

        Process refused = askpass(script, key, prompt(message("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
                "ssh://vm-test.local:2222")));
        assertEquals("", new String(refused.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        String err = new String(refused.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(refused.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, refused.exitValue());
        assertTrue(err.contains("not this wallet's VM"), err);
        assertTrue(!err.contains(TestStack.ANVIL_KEYS[1]));

        Process asked = askpass(script, key, WALLET_PROMPT);
        String address = new String(asked.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertTrue(asked.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, asked.exitValue());
        assertEquals(WALLET1, address);
    }

    private static Process askpass(Path script, Path key, String prompt) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(script.toString(), prompt);
        pb.environment().put(WalletSsh.KEY_FILE_ENV, key.toString());
        return pb.start();
    }
}
