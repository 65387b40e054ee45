package org.blockhost.engine.evm.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.blockhost.crypto.api.CryptoException;
import org.blockhost.crypto.api.IssuedNonces;
import org.blockhost.crypto.api.Siwe;
import org.blockhost.crypto.api.SiweExpectations;
import org.blockhost.crypto.api.SiweMessage;
import org.blockhost.installer.api.SetupService;

/**
 * The admin wallet's sign-in on the setup page (EIP-4361): a single-use nonce, then a signed
 * message bound to this page's host and origin, the chain id answered on the chain page (else the
 * wallet's own, the message's) and the nonce. Only a verified signer becomes the answer
 * {@code evm.adminWallet}, through the setup service's checks; signing in with another wallet
 * forgets the access key saved for the previous one. The public access key derived in the browser
 * is saved for the wallet answered that way. Errors are sentences for the page.
 */
final class AdminWalletSignIn {
    private static final Duration SKEW = Duration.ofMinutes(2);
    private final IssuedNonces nonces;
    private final Clock clock;

    AdminWalletSignIn(Clock clock) {
        this.clock = clock;
        this.nonces = new IssuedNonces(Duration.ofMinutes(5), 64, clock);
    }

    /** A page-level failure: the sentence to show, and the HTTP status. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String sentence) {
            super(sentence);
            this.status = status;
        }
    }

    String nonce() throws Refused {
        try {
            return nonces.issue();
        } catch (IllegalStateException e) {
            throw new Refused(429, "Too many sign-in attempts at once. Wait a few minutes and try again.");
        }
    }

    /** The chain id the wallet should be on: the answered one, when valid. */
    static Optional<Long> answeredChainId(Map<String, String> answers) {
        return Optional.ofNullable(answers.get(SetupChain.CHAIN_ID)).map(String::strip)
                .filter(c -> EvmAnswerChecks.problem(SetupChain.CHAIN_ID, c).isEmpty()).map(Long::parseLong);
    }

    /** Verifies the signed message and saves its signer as the admin wallet; the EIP-55 address. */
    String signIn(SetupService setup, String host, String origin, String message, String signature) throws Refused {
        SiweMessage parsed;
        try {
            parsed = SiweMessage.parse(message);
        } catch (RuntimeException e) {
            throw new Refused(400, "The sign-in message is not in the expected form. Reload the page and sign in again.");
        }
        long chainId = answeredChainId(setup.answers()).orElse(parsed.chainId());
        SiweExpectations expect = SiweExpectations.of(host, origin + "/setup/", Math.max(1, chainId), parsed.nonce())
                .clock(clock).allowedSkew(SKEW);
        SiweMessage verified;
        try {
            verified = Siwe.verify(message, signature, expect, nonces);
        } catch (CryptoException | IllegalArgumentException e) {
            throw new Refused(400, "The signature did not prove control of the wallet (wrong page, network or an old"
                    + " message). Sign in again.");
        }
        String address = EvmAddressFormat.INSTANCE.normalise(verified.address());
        String before = setup.answers().get(AdminCredentialStep.ADMIN_WALLET);
        // an access key belongs to the wallet that derived it: another wallet's sign-in forgets it
        Set<String> stale = address.equalsIgnoreCase(before == null ? "" : before.strip()) ? Set.of()
                : Set.of(AdminCredentialStep.ADMIN_ACCESS_KEY);
        save(setup, Map.of(AdminCredentialStep.ADMIN_WALLET, address), stale);
        return address;
    }

    /** Saves the access key derived in the browser for the answered admin wallet. */
    static void saveAccessKey(SetupService setup, String accessKey) throws Refused {
        String wallet = setup.answers().get(AdminCredentialStep.ADMIN_WALLET);
        if (wallet == null) {
            throw new Refused(409, "Sign in with the admin wallet first.");
        }
        if (setup.accessKeyRequest().flatMap(r -> r.message()).isEmpty()) {
            throw new Refused(409, "Setup does not need the access key yet: start it on the Finish page first.");
        }
        save(setup, Map.of(AdminCredentialStep.ADMIN_WALLET, wallet, AdminCredentialStep.ADMIN_ACCESS_KEY,
                accessKey == null ? "" : accessKey.strip()), Set.of());
    }

    private static void save(SetupService setup, Map<String, String> values, Set<String> removed) throws Refused {
        Map<String, String> problems = setup.problems(values);
        if (!problems.isEmpty()) {
            throw new Refused(400, "Nothing was saved: " + sentence(problems.values().iterator().next()));
        }
        // a save refused after the check (SetupChangedException) is answered by the installer's fence, as on every page
        if (removed.isEmpty()) {
            setup.save(values);
        } else {
            setup.save(values, removed);
        }
    }

    /** A check's message without the internal field name it starts with, as a sentence. */
    static String sentence(String problem) {
        String m = SetupService.withoutField(problem).strip();
        if (m.isEmpty()) {
            return "the value was refused.";
        }
        return m.endsWith(".") ? m : m + ".";
    }
}
