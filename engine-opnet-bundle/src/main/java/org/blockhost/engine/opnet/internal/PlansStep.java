package org.blockhost.engine.opnet.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.osgi.service.component.annotations.Component;

/**
 * {@code opnet.plans} (ENGINE_POST, 100): the answer {@value OpnetAnswers#PLANS} (prices per day in the payment
 * token's base units; plan ids 1, 2, … in order) is what the subscriptions contract holds at the head: each plan
 * there, on sale, at that price. Complete when it is; otherwise the step names every difference and the
 * {@code createPlan}/{@code updatePlan} calls the contract owner's wallet must send (plans are a write).
 */
@EngineId(OpnetEngine.ID)
@Component(service = FinalizationStep.class)
public final class PlansStep extends OpnetSetupStep {
    public PlansStep() {
        super("opnet.plans", "Check the OPNet plans", Phase.ENGINE_POST, 100, Set.of(OpnetAnswers.PLANS));
    }

    @Override
    java.util.Optional<String> missing(FinalizationContext context) throws StepException {
        List<String> differences = differences(context);
        return differences.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of("the plans on chain differ from the answer: " + String.join("; ", differences)
                        + ". Send these from the subscriptions contract's owner wallet (the host cannot write: no sidecar"
                        + " yet), then retry");
    }

    static List<String> differences(FinalizationContext context) throws StepException {
        List<BigInteger> wanted;
        try {
            wanted = OpnetAnswers.prices(context.requireAnswer(OpnetAnswers.PLANS));
        } catch (IllegalArgumentException e) {
            throw new StepException("field '" + OpnetAnswers.PLANS + "': " + e.getMessage());
        }
        OpnetRpc rpc = rpc(context);
        OpnetReads reads = reads(context, rpc);
        List<String> out = new ArrayList<>();
        try {
            long head = rpc.blockNumber();
            long count = reads.planCount(head);
            for (int i = 0; i < wanted.size(); i++) {
                long id = i + 1;
                if (id > count) {
                    out.add("plan " + id + " missing: createPlan(" + wanted.get(i) + ")");
                    continue;
                }
                OpnetReads.Plan plan = reads.plan(id, head);
                if (!plan.pricePerDay().equals(wanted.get(i)) || !plan.active()) {
                    out.add("plan " + id + " is " + plan.pricePerDay() + (plan.active() ? "" : " (retired)")
                            + ": updatePlan(" + id + ", " + wanted.get(i) + ", true)");
                }
            }
        } catch (ChainUnavailableException e) {
            throw unavailable(e);
        }
        return out;
    }
}
