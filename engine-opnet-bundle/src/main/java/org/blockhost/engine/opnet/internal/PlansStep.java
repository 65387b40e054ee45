package org.blockhost.engine.opnet.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * there, on sale, at that price. Complete when it is. Otherwise, when the host wallet owns the contract, the run
 * sends the missing {@code createPlan}/{@code updatePlan} calls through the sidecar (each once, {@link SetupWrites})
 * and fails "waiting for confirmation"; when another wallet owns it, the run names each call that wallet must send.
 */
@EngineId(OpnetEngine.ID)
@Component(service = FinalizationStep.class)
public final class PlansStep extends OpnetSetupStep {
    private final SetupWrites.Opener opener;
    private final PendingWrites pending;

    /** A difference between the chain and the answer, and the call that removes it. */
    record Change(long planId, BigInteger price, boolean create, String text) {
        String call() {
            return create ? "createPlan(" + price + ")" : "updatePlan(" + planId + ", " + price + ", true)";
        }
    }

    public PlansStep() {
        this(SetupWrites.NODE, new PendingWrites(PendingWrites.HOLD_MS, System::currentTimeMillis));
    }

    PlansStep(SetupWrites.Opener opener, PendingWrites pending) {
        super("opnet.plans", "Set up the OPNet plans", Phase.ENGINE_POST, 100, Set.of(OpnetAnswers.PLANS));
        this.opener = opener;
        this.pending = pending;
    }

    @Override
    Optional<String> missing(FinalizationContext context) throws StepException {
        List<Change> changes = changes(context);
        return changes.isEmpty() ? Optional.empty() : Optional.of(describe(changes));
    }

    @Override
    public void run(FinalizationContext context) throws StepException {
        List<Change> changes = changes(context);
        if (changes.isEmpty()) {
            return;
        }
        String host = address(context, OpnetAnswers.HOST_ADDRESS);
        String owner = owner(context);
        if (!owner.equals(host)) {
            throw new StepException(describe(changes) + ". The subscriptions contract belongs to " + owner
                    + ", not to the host " + host + ": send these from the owner's wallet, then retry");
        }
        List<SetupWrites.Write> writes = new ArrayList<>();
        for (Change c : changes) {
            String key = c.create() ? "createPlan:" + c.planId() : "updatePlan:" + c.planId() + ":" + c.price();
            writes.add(new SetupWrites.Write(key, "plan " + c.planId() + ": " + c.call(), w -> c.create()
                    ? w.createPlan(c.price()) : w.updatePlan(c.planId(), c.price(), true)));
        }
        throw SetupWrites.send(opener, pending, context, writes);
    }

    private static String describe(List<Change> changes) {
        List<String> texts = new ArrayList<>();
        for (Change c : changes) {
            texts.add(c.text() + ": " + c.call());
        }
        return "the plans on chain differ from the answer: " + String.join("; ", texts);
    }

    private static String owner(FinalizationContext context) throws StepException {
        OpnetRpc rpc = rpc(context);
        try {
            return reads(context, rpc).subscriptionsOwner(rpc.blockNumber());
        } catch (ChainUnavailableException e) {
            throw unavailable(e);
        }
    }

    static List<Change> changes(FinalizationContext context) throws StepException {
        List<BigInteger> wanted;
        try {
            wanted = OpnetAnswers.prices(context.requireAnswer(OpnetAnswers.PLANS));
        } catch (IllegalArgumentException e) {
            throw new StepException("field '" + OpnetAnswers.PLANS + "': " + e.getMessage());
        }
        OpnetRpc rpc = rpc(context);
        OpnetReads reads = reads(context, rpc);
        List<Change> out = new ArrayList<>();
        try {
            long head = rpc.blockNumber();
            long count = reads.planCount(head);
            for (int i = 0; i < wanted.size(); i++) {
                long id = i + 1;
                if (id > count) {
                    out.add(new Change(id, wanted.get(i), true, "plan " + id + " missing"));
                    continue;
                }
                OpnetReads.Plan plan = reads.plan(id, head);
                if (!plan.pricePerDay().equals(wanted.get(i)) || !plan.active()) {
                    out.add(new Change(id, wanted.get(i), false,
                            "plan " + id + " is " + plan.pricePerDay() + (plan.active() ? "" : " (retired)")));
                }
            }
        } catch (ChainUnavailableException e) {
            throw unavailable(e);
        }
        return out;
    }
}
