package org.blockhost.engine.evm.internal;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.osgi.service.component.annotations.Component;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Creates the plans of the answer {@value #PLANS} ({@link PlanSpec}) on the subscriptions
 * contract published by {@link DeployContractsStep}. Idempotent by plan name: plans that already
 * exist on chain are left alone.
 */
@EngineId(EvmEngine.ID)
@Component(service = FinalizationStep.class)
public final class CreatePlansStep implements FinalizationStep {
    static final String PLANS = "evm.plans";

    @Override
    public String id() {
        return "evm.plans";
    }

    @Override
    public String label() {
        return "Create the subscription plans";
    }

    @Override
    public Phase phase() {
        return Phase.ENGINE_POST;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Set<String> answerKeys() {
        return Set.of(PLANS);
    }

    @Override
    public java.util.Optional<String> problem(String key, String value) {
        return EvmAnswerChecks.problem(key, value);
    }

    @Override
    public boolean isComplete(FinalizationContext context) throws StepException {
        try (SetupChain chain = SetupChain.open(context)) {
            return missing(context, chain).isEmpty();
        }
    }

    @Override
    public void run(FinalizationContext context) throws StepException {
        try (SetupChain chain = SetupChain.open(context)) {
            String subs = subscriptions(context);
            for (PlanSpec plan : missing(context, chain)) {
                chain.sender.sendAndWait(subs, Abi.encode("createPlan", new Utf8String(plan.name()),
                        new Uint256(plan.pricePerDayUsdCents())));
            }
        } catch (ChainUnavailableException | TransactionRevertedException e) {
            throw new StepException("creating plans failed: " + e.getMessage(), e);
        }
    }

    private static List<PlanSpec> missing(FinalizationContext context, SetupChain chain) throws StepException {
        List<PlanSpec> wanted;
        try {
            wanted = PlanSpec.parse(context.requireAnswer(PLANS));
        } catch (IllegalArgumentException e) {
            throw new StepException(e.getMessage());
        }
        Set<String> existing = existingNames(chain, subscriptions(context));
        return wanted.stream().filter(p -> !existing.contains(p.name())).toList();
    }

    @SuppressWarnings("rawtypes")
    private static Set<String> existingNames(SetupChain chain, String subs) throws StepException {
        try {
            String from = chain.sender.address();
            long count = ((BigInteger) Abi.decode(chain.calls.call(from, subs, Abi.encode("planCount"),
                    DefaultBlockParameterName.LATEST), new TypeReference<Uint256>() { }).get(0).getValue()).longValueExact();
            Set<String> names = new HashSet<>();
            for (long id = 1; id <= count; id++) {
                List<org.web3j.abi.datatypes.Type> plan = Abi.decode(chain.calls.call(from, subs,
                        Abi.encode("getPlan", new Uint256(id)), DefaultBlockParameterName.LATEST),
                        new TypeReference<Utf8String>() { }, new TypeReference<Uint256>() { }, new TypeReference<Bool>() { });
                names.add((String) plan.get(0).getValue());
            }
            return names;
        } catch (ChainUnavailableException | TransactionRevertedException | RuntimeException e) {
            throw new StepException("cannot read the plans: " + e.getMessage(), e);
        }
    }

    static String subscriptions(FinalizationContext context) throws StepException {
        return context.published(DeployContractsStep.SUBSCRIPTIONS)
                .orElseThrow(() -> new StepException("the contracts are not deployed yet (step evm.contracts)"));
    }
}
