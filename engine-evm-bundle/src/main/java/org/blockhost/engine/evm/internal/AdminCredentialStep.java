package org.blockhost.engine.evm.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.CredentialSealer;
import org.blockhost.engine.api.EngineId;
import org.blockhost.crypto.api.AccessKey;
import org.blockhost.installer.api.AccessKeyRequest;
import org.blockhost.installer.api.AdminAccessKey;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.SetupService;
import org.blockhost.installer.api.StepException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Mints the admin credential, token #0 for subscription 0, to the answered admin wallet, with
 * its content ECIES-sealed to the admin's access key. Idempotent through the issuer (an existing
 * token for subscription 0 is returned, nothing is sent); a token 0 that is not the admin's mint
 * is an error.
 */
@EngineId(EvmEngine.ID)
@Component(service = {FinalizationStep.class, AdminAccessKey.class})
public final class AdminCredentialStep implements FinalizationStep, AdminAccessKey {
    static final String ADMIN_WALLET = "evm.adminWallet";
    static final String ADMIN_ACCESS_KEY = "evm.adminAccessKey";

    private final CredentialSealer sealer;

    @Activate
    public AdminCredentialStep(@Reference CredentialSealer sealer) {
        this.sealer = sealer;
    }

    @Override
    public String id() {
        return "evm.admin-credential";
    }

    @Override
    public String label() {
        return "Mint the admin credential";
    }

    @Override
    public Phase phase() {
        return Phase.ENGINE_POST;
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public Set<String> answerKeys() {
        return Set.of(ADMIN_WALLET, ADMIN_ACCESS_KEY);
    }

    @Override
    public java.util.Optional<String> problem(String key, String value) {
        return EvmAnswerChecks.problem(key, value);
    }

    @Override
    public boolean isComplete(FinalizationContext context) throws StepException {
        try (SetupChain chain = SetupChain.open(context)) {
            return issuer(context, chain).tokenOfSubscription(0).isPresent();
        } catch (ChainUnavailableException e) {
            throw new StepException(e.getMessage(), e);
        }
    }

    @Override
    public void run(FinalizationContext context) throws StepException {
        String wallet = adminWallet(context);
        String accessKey = context.answer(ADMIN_ACCESS_KEY).orElseThrow(() -> missingAccessKey(context, wallet));
        byte[] sealed = seal(accessKey.trim().toLowerCase());
        try (SetupChain chain = SetupChain.open(context)) {
            long token = issuer(context, chain).mint(0, wallet, sealed);
            if (token != 0) {
                throw new StepException("the admin credential became token " + token + ", expected 0");
            }
        } catch (ChainUnavailableException e) {
            throw new StepException("minting the admin credential failed: " + e.getMessage(), e);
        }
    }

    /**
     * What the admin wallet signs: the access-key message for the credential contract, known once
     * {@code evm.contracts} published it, for the public host the Network page answered
     * ({@link SetupService#PUBLIC_HOST}; {@code localhost} in dev mode when not answered).
     */
    @Override
    public AccessKeyRequest request(FinalizationContext context) {
        Optional<String> wallet = context.answer(ADMIN_WALLET).filter(w -> EvmAnswerChecks.problem(ADMIN_WALLET, w).isEmpty());
        Optional<String> contract = context.published(DeployContractsStep.CREDENTIAL);
        Optional<String> chainId = context.answer(SetupChain.CHAIN_ID).map(String::strip)
                .filter(c -> EvmAnswerChecks.problem(SetupChain.CHAIN_ID, c).isEmpty());
        Optional<String> host = context.answer(SetupService.PUBLIC_HOST).map(String::strip)
                .map(h -> h.toLowerCase(java.util.Locale.ROOT)).or(() -> Optional.of("localhost").filter(h -> context.devMode()));
        Optional<String> message = host.isPresent() && contract.isPresent() && chainId.isPresent()
                ? Optional.of(AccessKey.message(host.get(), Long.parseLong(chainId.get()), contract.get()))
                : Optional.empty();
        return new AccessKeyRequest(ADMIN_WALLET, ADMIN_ACCESS_KEY, wallet, message, Optional.of(EvmWalletServlet.PATH));
    }

    /** The answered admin wallet, EIP-55; refused when missing, malformed or zero. */
    static String adminWallet(FinalizationContext context) throws StepException {
        String admin;
        try {
            admin = EvmAddressFormat.INSTANCE.normalise(context.requireAnswer(ADMIN_WALLET));
        } catch (IllegalArgumentException e) {
            throw new StepException("'" + ADMIN_WALLET + "' is not a valid address: "
                    + e.getMessage());
        }
        if (admin.equals("0x0000000000000000000000000000000000000000")) {
            throw new StepException("'" + ADMIN_WALLET + "' must not be the zero address");
        }
        return admin;
    }

    /**
     * The admin access key depends on the credential contract's address, so it can only be answered
     * after {@code evm.contracts} ran: the message says exactly what the admin wallet has to sign.
     */
    static StepException missingAccessKey(FinalizationContext context, String wallet) {
        String host = context.devMode() ? "localhost" : "{the host name set at setup}";
        String chainId = context.answer(SetupChain.CHAIN_ID).orElse("{chain id}").trim();
        String contract = context.published(DeployContractsStep.CREDENTIAL).orElse("{credential contract}");
        String message = String.join("\\n", "BlockHost access key", "Host: " + host, "Chain ID: " + chainId,
                "Contract: " + contract, "Version: 1");
        return new StepException("missing answer '" + ADMIN_ACCESS_KEY + "': the admin wallet " + wallet
                + " must sign (EIP-191 personal_sign, e.g. 'blockhost sign --key-file FILE') the access-key message \""
                + message + "\" (lines joined by \\n, no trailing newline); 'blockhost crypto access-key --signature -'"
                + " turns the signature into the key: answer its publicKey (66 hex digits)");
    }

    private byte[] seal(String accessKey) throws StepException {
        String hex = accessKey.startsWith("0x") ? accessKey.substring(2) : accessKey;
        if (!hex.matches("0[23][0-9a-f]{64}")) {
            throw new StepException("'" + ADMIN_ACCESS_KEY + "' must be a 33-byte compressed key (66 hex digits)");
        }
        try {
            return sealer.seal(hex, "{\"v\":1,\"role\":\"admin\"}".getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new StepException("'" + ADMIN_ACCESS_KEY + "' is not a valid access key: " + e.getMessage());
        }
    }

    private static EvmCredentialIssuer issuer(FinalizationContext context, SetupChain chain) throws StepException {
        String credential = context.published(DeployContractsStep.CREDENTIAL)
                .orElseThrow(() -> new StepException("the contracts are not deployed yet (step evm.contracts)"));
        return new EvmCredentialIssuer(credential, chain.calls, chain.sender, EvmAddressFormat.INSTANCE,
                Duration.ofMillis(100), Duration.ofMinutes(5));
    }
}
