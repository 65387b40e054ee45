package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.blockhost.crypto.api.Eip55;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Deploys the subscriptions and credential contracts with the host key as owner and operator
 * (the owner role moves to the admin wallet in {@link HandOverStep} once the plans exist), reusing
 * addresses (answered or published by an earlier attempt) that already hold code operated by the
 * host key, and sets the payment stablecoin. Publishes {@value #SUBSCRIPTIONS}, {@value #CREDENTIAL},
 * {@value #STABLECOIN} and {@value #START_BLOCK}. The test stablecoin is deployed only in dev mode
 * when no stablecoin is answered; production requires the answer.
 */
@EngineId(EvmEngine.ID)
@Component(service = FinalizationStep.class)
public final class DeployContractsStep implements FinalizationStep {
    static final String SUBSCRIPTIONS = "evm.subscriptionsAddress";
    static final String CREDENTIAL = "evm.credentialAddress";
    static final String STABLECOIN = "evm.stablecoin";
    static final String START_BLOCK = "evm.startBlock";
    private static final Logger LOG = LoggerFactory.getLogger(DeployContractsStep.class);

    @Override
    public String id() {
        return "evm.contracts";
    }

    @Override
    public String label() {
        return "Deploy the EVM contracts";
    }

    @Override
    public Phase phase() {
        return Phase.ENGINE_PRE;
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public Set<String> answerKeys() {
        return Set.of(SetupChain.RPC_URL, SetupChain.CHAIN_ID, SetupChain.HOST_KEY_FILE, SUBSCRIPTIONS, CREDENTIAL,
                STABLECOIN);
    }

    @Override
    public java.util.Optional<String> problem(String key, String value) {
        return EvmAnswerChecks.problem(key, value);
    }

    @Override
    public boolean isComplete(FinalizationContext context) throws StepException {
        Optional<String> subs = known(context, SUBSCRIPTIONS);
        Optional<String> cred = known(context, CREDENTIAL);
        if (subs.isEmpty() || cred.isEmpty()) {
            return false;
        }
        try (SetupChain chain = SetupChain.open(context)) {
            return chain.hasCode(subs.get()) && chain.hasCode(cred.get()) && !stablecoinOf(chain, subs.get()).isEmpty();
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void run(FinalizationContext context) throws StepException {
        try (SetupChain chain = SetupChain.open(context)) {
            long startBlock = chain.headNumber();
            String host = new Address(chain.sender.address()).toString();
            String subs = reuseOrDeploy(context, chain, SUBSCRIPTIONS, ContractArtifacts.SUBSCRIPTIONS,
                    List.<Type>of(new Address(host), new Address(host)));
            String cred = reuseOrDeploy(context, chain, CREDENTIAL, ContractArtifacts.CREDENTIAL,
                    List.<Type>of(new Address(host), new Address(host), new Address(subs)));
            requireLinked(chain, cred, subs);
            String coin = stablecoin(context, chain);
            if (!stablecoinOf(chain, subs).equalsIgnoreCase(coin)) {
                requireOwner(chain, subs, host, "set the stablecoin");
                requireGas(chain);
                chain.sender.sendAndWait(subs, Abi.encode("setStablecoin", new Address(coin)));
            }
            context.publish(STABLECOIN, EvmAddressFormat.INSTANCE.normalise(coin));
            if (context.published(START_BLOCK).isEmpty()) {
                context.publish(START_BLOCK, Long.toString(startBlock));
            }
        } catch (ChainUnavailableException | TransactionRevertedException e) {
            throw new StepException("contract setup failed: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("rawtypes")
    private String reuseOrDeploy(FinalizationContext context, SetupChain chain, String key, String contract,
            List<Type> constructorArgs) throws StepException, ChainUnavailableException, TransactionRevertedException {
        Optional<String> existing = known(context, key);
        if (existing.isPresent() && chain.hasCode(existing.get())) {
            ContractRoles roles = ContractRoles.read(chain.calls, chain.sender.address(), existing.get());
            if (!roles.operatedBy(chain.sender.address())) {
                throw new StepException(contract + " at " + existing.get() + " is operated by " + roles.operator()
                        + ", not by the host key");
            }
            context.publish(key, EvmAddressFormat.INSTANCE.normalise(existing.get()));
            return existing.get();
        }
        requireGas(chain);
        String code = ContractArtifacts.bytecode(contract) + FunctionEncoder.encodeConstructor(constructorArgs);
        String address = EvmAddressFormat.INSTANCE.normalise(chain.sender.deploy(code).getContractAddress());
        context.publish(key, address);
        LOG.info("deployed {} at {}", contract, address);
        return address;
    }

    /**
     * Before a transaction: a host wallet without funds (on an installed host a new key made by
     * {@code evm.host-key}) is named, so the operator knows which address to fund before the retry.
     */
    private static void requireGas(SetupChain chain) throws StepException {
        BigInteger balance;
        try {
            balance = chain.web3j.ethGetBalance(chain.sender.address(), DefaultBlockParameterName.LATEST).send().getBalance();
        } catch (IOException | RuntimeException e) {
            throw new StepException("cannot read the host wallet's balance", e);
        }
        if (balance.signum() == 0) {
            throw new StepException("the host wallet " + Eip55.checksum(chain.sender.address())
                    + " has no funds for gas: send it some of the chain's native currency, then retry this step");
        }
    }

    /** The credential contract must check mints against this subscriptions contract. */
    private static void requireLinked(SetupChain chain, String cred, String subs)
            throws StepException, ChainUnavailableException {
        String linked = ContractRoles.address(chain.calls, chain.sender.address(), cred, "subscriptions");
        if (!linked.equalsIgnoreCase(subs)) {
            throw new StepException("the credential contract " + cred + " reads subscriptions from " + linked
                    + ", not from " + subs);
        }
    }

    private static void requireOwner(SetupChain chain, String contract, String host, String action)
            throws StepException, ChainUnavailableException {
        ContractRoles roles = ContractRoles.read(chain.calls, chain.sender.address(), contract);
        if (!roles.ownedBy(host)) {
            throw new StepException("only the owner wallet " + roles.owner() + " can " + action + " on " + contract);
        }
    }

    private static String stablecoin(FinalizationContext context, SetupChain chain)
            throws StepException, ChainUnavailableException, TransactionRevertedException {
        Optional<String> coin = known(context, STABLECOIN);
        if (coin.isPresent()) {
            if (!chain.hasCode(coin.get())) {
                throw new StepException("the stablecoin " + coin.get() + " has no code on this chain");
            }
            return coin.get();
        }
        if (!context.devMode()) {
            throw new StepException("answer '" + STABLECOIN + "' (the payment token's address) is required");
        }
        return chain.sender.deploy(ContractArtifacts.bytecode(ContractArtifacts.TEST_STABLECOIN)).getContractAddress();
    }

    private static String stablecoinOf(SetupChain chain, String subs) throws StepException {
        try {
            String coin = ContractRoles.address(chain.calls, chain.sender.address(), subs, "stablecoin");
            return coin.equalsIgnoreCase("0x0000000000000000000000000000000000000000") ? "" : coin;
        } catch (ChainUnavailableException e) {
            throw new StepException(e.getMessage(), e);
        }
    }

    /** An address published by an earlier attempt, else answered; validated. */
    private static Optional<String> known(FinalizationContext context, String key) throws StepException {
        Optional<String> value = context.published(key).or(() -> context.answer(key)).filter(v -> !v.isBlank());
        try {
            return value.map(EvmAddressFormat.INSTANCE::normalise);
        } catch (IllegalArgumentException e) {
            throw new StepException("'" + key + "' is not a valid address: " + e.getMessage());
        }
    }
}
