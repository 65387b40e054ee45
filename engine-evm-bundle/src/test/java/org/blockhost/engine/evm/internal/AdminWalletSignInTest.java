package org.blockhost.engine.evm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.blockhost.crypto.api.AccessKey;
import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.installer.api.AccessKeyRequest;
import org.blockhost.installer.api.SetupChangedException;
import org.blockhost.installer.api.SetupService;
import org.junit.jupiter.api.Test;

/**
 * The Admin wallet page's server side: only a signer proven by a fresh EIP-4361 message bound to
 * this page (host, origin, chain, single-use nonce) becomes the admin wallet; the public access key
 * is taken only once setup asks for it; refused input saves nothing.
 */
class AdminWalletSignInTest {
    private static final byte[] KEY = Hex.decode("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static final String ADDRESS = Address.fromPrivateKey(KEY).toChecksumString();
    private static final Instant NOW = Instant.parse("2026-12-05T07:00:00Z");
    private static final String HOST = "localhost:8443";
    private static final String ORIGIN = "https://localhost:8443";

    private final Setup setup = new Setup();
    private final AdminWalletSignIn signIn = new AdminWalletSignIn(Clock.fixed(NOW, ZoneOffset.UTC));

    static String message(String host, String origin, long chainId, String nonce) {
        return message(ADDRESS, host, origin, chainId, nonce);
    }

    static String message(String address, String host, String origin, long chainId, String nonce) {
        return host + " wants you to sign in with your Ethereum account:\n" + address + "\n\n"
                + "Use this wallet as the admin wallet of this BlockHost host. It costs nothing and sends no transaction.\n\n"
                + "URI: " + origin + "/setup/\nVersion: 1\nChain ID: " + chainId + "\nNonce: " + nonce + "\n"
                + "Issued At: 2026-12-05T06:59:30Z\nExpiration Time: 2026-12-05T07:04:30Z";
    }

    private static String sign(String text) {
        return "0x" + PersonalSign.sign(KEY, text).toHex();
    }

    @Test
    void aProvenSignerBecomesTheAdminWalletAndItsNonceWorksOnce() throws Exception {
        setup.answers.put(SetupChain.CHAIN_ID, "31337");
        String text = message(HOST, ORIGIN, 31337, signIn.nonce());
        assertEquals(ADDRESS, signIn.signIn(setup, HOST, ORIGIN, text, sign(text)));
        assertEquals(ADDRESS, setup.answers.get(AdminCredentialStep.ADMIN_WALLET));
        setup.answers.remove(AdminCredentialStep.ADMIN_WALLET);
        var replay = assertThrows(AdminWalletSignIn.Refused.class, () -> signIn.signIn(setup, HOST, ORIGIN, text, sign(text)));
        assertEquals(400, replay.status);
        assertFalse(setup.answers.containsKey(AdminCredentialStep.ADMIN_WALLET), "a replayed message saves nothing");
    }

    @Test
    void anotherHostOriginChainOrSignerIsRefusedAndNothingIsSaved() throws Exception {
        setup.answers.put(SetupChain.CHAIN_ID, "31337");
        String[] bad = {message("evil.example", ORIGIN, 31337, signIn.nonce()), message(HOST, "https://evil.example", 31337,
                signIn.nonce()), message(HOST, ORIGIN, 1, signIn.nonce()), message(HOST, ORIGIN, 31337, "NeverIssued123456")};
        for (String text : bad) {
            var e = assertThrows(AdminWalletSignIn.Refused.class, () -> signIn.signIn(setup, HOST, ORIGIN, text, sign(text)));
            assertTrue(e.getMessage().endsWith("Sign in again."), e.getMessage());
        }
        String good = message(HOST, ORIGIN, 31337, signIn.nonce());
        byte[] other = Hex.decode("0000000000000000000000000000000000000000000000000000000000000001");
        String forged = "0x" + PersonalSign.sign(other, good).toHex();
        assertThrows(AdminWalletSignIn.Refused.class, () -> signIn.signIn(setup, HOST, ORIGIN, good, forged));
        assertThrows(AdminWalletSignIn.Refused.class, () -> signIn.signIn(setup, HOST, ORIGIN, "not a message", "0x00"));
        assertFalse(setup.answers.containsKey(AdminCredentialStep.ADMIN_WALLET));
        assertEquals(0, setup.saves);
    }

    @Test
    void withoutAnAnsweredChainTheWalletsOwnChainIsTaken() throws Exception {
        String text = message(HOST, ORIGIN, 11155111, signIn.nonce());
        assertEquals(ADDRESS, signIn.signIn(setup, HOST, ORIGIN, text, sign(text)));
        assertEquals(Optional.empty(), AdminWalletSignIn.answeredChainId(setup.answers));
    }

    @Test
    void theAccessKeyIsTakenOnlyWhenSetupAsksForItAndOnlyAValidPoint() throws Exception {
        String key = Hex.encode(AccessKey.publicKey(PersonalSign.sign(KEY, "BlockHost access key")));
        var early = assertThrows(AdminWalletSignIn.Refused.class, () -> AdminWalletSignIn.saveAccessKey(setup, key));
        assertEquals(409, early.status);
        setup.answers.put(AdminCredentialStep.ADMIN_WALLET, ADDRESS);
        var notYet = assertThrows(AdminWalletSignIn.Refused.class, () -> AdminWalletSignIn.saveAccessKey(setup, key));
        assertEquals(409, notYet.status);
        setup.message = Optional.of("BlockHost access key");
        var bad = assertThrows(AdminWalletSignIn.Refused.class, () -> AdminWalletSignIn.saveAccessKey(setup, "04zz"));
        assertEquals(400, bad.status);
        assertTrue(bad.getMessage().startsWith("Nothing was saved: must be a compressed secp256k1"), bad.getMessage());
        assertFalse(setup.answers.containsKey(AdminCredentialStep.ADMIN_ACCESS_KEY));
        AdminWalletSignIn.saveAccessKey(setup, key);
        assertEquals(key, setup.answers.get(AdminCredentialStep.ADMIN_ACCESS_KEY));
    }

    @Test
    void anotherWalletsSignInForgetsTheSavedAccessKeyTheSameWalletKeepsIt() throws Exception {
        setup.answers.put(SetupChain.CHAIN_ID, "31337");
        setup.message = Optional.of("BlockHost access key");
        String key = Hex.encode(AccessKey.publicKey(PersonalSign.sign(KEY, "BlockHost access key")));
        String first = message(HOST, ORIGIN, 31337, signIn.nonce());
        signIn.signIn(setup, HOST, ORIGIN, first, sign(first));
        AdminWalletSignIn.saveAccessKey(setup, key);
        String again = message(HOST, ORIGIN, 31337, signIn.nonce());
        signIn.signIn(setup, HOST, ORIGIN, again, sign(again));
        assertEquals(key, setup.answers.get(AdminCredentialStep.ADMIN_ACCESS_KEY), "the same wallet: its key still fits");

        byte[] otherKey = Hex.decode("0000000000000000000000000000000000000000000000000000000000000002");
        String other = Address.fromPrivateKey(otherKey).toChecksumString();
        String text = message(other, HOST, ORIGIN, 31337, signIn.nonce());
        assertEquals(other, signIn.signIn(setup, HOST, ORIGIN, text, "0x" + PersonalSign.sign(otherKey, text).toHex()));
        assertEquals(other, setup.answers.get(AdminCredentialStep.ADMIN_WALLET));
        assertFalse(setup.answers.containsKey(AdminCredentialStep.ADMIN_ACCESS_KEY), "the old wallet's key is forgotten");
    }

    /**
     * A finalization step that reads the wallet starts between the check and the save: the setup service's typed refusal
     * reaches the installer's fence (which answers 400 with its sentence for every page), nothing saved.
     */
    @Test
    void aSaveRefusedAfterItsCheckIsLeftToTheInstallersFence() throws Exception {
        setup.answers.put(SetupChain.CHAIN_ID, "31337");
        setup.refuseSaves = true;
        String text = message(HOST, ORIGIN, 31337, signIn.nonce());
        assertThrows(SetupChangedException.class, () -> signIn.signIn(setup, HOST, ORIGIN, text, sign(text)));
        assertFalse(setup.answers.containsKey(AdminCredentialStep.ADMIN_WALLET));
    }

    /** The setup service as the page sees it: the engine's own answer checks, saving only valid values. */
    private static final class Setup implements SetupService {
        final Map<String, String> answers = new HashMap<>();
        Optional<String> message = Optional.empty();
        int saves;
        boolean refuseSaves;

        @Override
        public Map<String, String> problems(Map<String, String> values) {
            Map<String, String> out = new LinkedHashMap<>();
            values.forEach((k, v) -> EvmAnswerChecks.problem(k, v).ifPresent(p -> out.put(k, p)));
            return out;
        }

        @Override
        public void save(Map<String, String> values) {
            if (refuseSaves || !problems(values).isEmpty()) {
                throw new SetupChangedException("x", "refused", "a running step reads it");
            }
            saves++;
            answers.putAll(values);
        }

        @Override
        public void save(Map<String, String> values, java.util.Set<String> removed) {
            save(values);
            answers.keySet().removeAll(removed);
        }

        @Override
        public Map<String, String> answers() {
            return Map.copyOf(answers);
        }

        @Override
        public Map<String, String> published() {
            return Map.of();
        }

        @Override
        public Result run() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Result retry(String stepId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean running() {
            return false;
        }

        @Override
        public Optional<AccessKeyRequest> accessKeyRequest() {
            return Optional.of(new AccessKeyRequest(AdminCredentialStep.ADMIN_WALLET, AdminCredentialStep.ADMIN_ACCESS_KEY,
                    Optional.ofNullable(answers.get(AdminCredentialStep.ADMIN_WALLET)), message, Optional.of("/evm-wallet")));
        }
    }
}
