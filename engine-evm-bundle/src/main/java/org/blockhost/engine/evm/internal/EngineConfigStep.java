package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the answers and the published values (contract addresses, start block, host key file) into
 * the engine's configuration {@code <config dir>/org.blockhost.engine.evm.cfg}, written atomically
 * so FileInstall applies it live. It holds no secret: only the key file's path. Runs last (after
 * plans and the admin credential) so the engine's own sender starts only when setup sends nothing more.
 */
@EngineId(EvmEngine.ID)
@Component(service = FinalizationStep.class)
public final class EngineConfigStep implements FinalizationStep {
    private static final Logger LOG = LoggerFactory.getLogger(EngineConfigStep.class);
    /** Optional answer: the RPC URL the buyer pages may give wallets to add the chain. */
    static final String PUBLIC_RPC_URL = "evm.publicRpcUrl";
    /** Optional answer: the chain's name for wallets that add it. */
    static final String CHAIN_NAME = "evm.chainName";

    @Override
    public String id() {
        return "evm.engine-config";
    }

    @Override
    public String label() {
        return "Write the EVM engine configuration";
    }

    @Override
    public Phase phase() {
        return Phase.ENGINE_POST;
    }

    @Override
    public int order() {
        return 900;
    }

    @Override
    public Set<String> answerKeys() {
        return Set.of(SetupChain.RPC_URL, SetupChain.CHAIN_ID);
    }

    @Override
    public java.util.Optional<String> problem(String key, String value) {
        return EvmAnswerChecks.problem(key, value);
    }

    @Override
    public boolean isComplete(FinalizationContext context) throws StepException {
        try {
            return EngineConfigFile.holds(EngineConfigFile.path(context.configDirectory()), values(context));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void run(FinalizationContext context) throws StepException {
        java.nio.file.Path file = EngineConfigFile.path(context.configDirectory());
        try {
            EngineConfigFile.write(file, values(context));
        } catch (IOException e) {
            throw new StepException("cannot write " + file + ": " + e.getMessage(), e);
        }
        LOG.info("wrote the engine configuration {}", file);
    }

    static Map<String, String> values(FinalizationContext context) throws StepException {
        Map<String, String> v = new HashMap<>();
        v.put("chainId", Long.toString(number(context.requireAnswer(SetupChain.CHAIN_ID), SetupChain.CHAIN_ID, 1)));
        try {
            v.put("rpcUrl", new RpcUrlPolicy(context.devMode()).check(context.requireAnswer(SetupChain.RPC_URL))
                    .toString());
            v.put("subscriptionsAddress", address(context, DeployContractsStep.SUBSCRIPTIONS));
            v.put("credentialAddress", address(context, DeployContractsStep.CREDENTIAL));
        } catch (IllegalArgumentException e) {
            throw new StepException(e.getMessage());
        }
        v.put("hostKeyFile", HostKeyStep.keyFile(context).orElseThrow(() -> missing(SetupChain.HOST_KEY_FILE))
                .toAbsolutePath().toString());
        v.put("startBlock", Long.toString(number(required(context, DeployContractsStep.START_BLOCK), DeployContractsStep.START_BLOCK, 0)));
        v.put("devMode", Boolean.toString(context.devMode()));
        v.put("publicRpcUrl", publicRpcUrl(context, v.get("rpcUrl")));
        v.put("chainName", context.answer(CHAIN_NAME).map(String::strip).orElse(context.devMode() ? "BlockHost dev chain" : ""));
        return v;
    }

    /**
     * The RPC URL wallets may be given to add the chain: the answer {@value #PUBLIC_RPC_URL} (URL rules
     * as for the RPC URL, not resolved here), else in dev mode the dev chain's own (loopback) URL, else none. The host's
     * own RPC URL is never published outside dev mode: it may hold an API key.
     */
    private static String publicRpcUrl(FinalizationContext context, String rpcUrl) throws StepException {
        Optional<String> answer = context.answer(PUBLIC_RPC_URL).filter(u -> !u.isBlank());
        if (answer.isEmpty()) {
            return context.devMode() ? rpcUrl : "";
        }
        try {
            return new RpcUrlPolicy(context.devMode()).checkForm(answer.get().strip()).toString();
        } catch (IllegalArgumentException e) {
            throw new StepException(PUBLIC_RPC_URL + ": " + e.getMessage());
        }
    }

    private static String address(FinalizationContext context, String key) throws StepException {
        return EvmAddressFormat.INSTANCE.normalise(required(context, key));
    }

    private static String required(FinalizationContext context, String key) throws StepException {
        Optional<String> value = context.published(key).filter(s -> !s.isBlank());
        return value.orElseThrow(() -> missing(key));
    }

    private static StepException missing(String key) {
        return new StepException("'" + key + "' has not been published (run the earlier EVM steps first)");
    }

    private static long number(String text, String what, long min) throws StepException {
        try {
            long n = Long.parseLong(text.trim());
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new StepException("'" + what + "' must be an integer ≥ " + min);
        }
    }
}
