package org.blockhost.engine.opnet.internal;

import java.util.Set;
import org.blockhost.engine.api.ChainRejectedException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.osgi.service.component.annotations.Component;

/**
 * {@code opnet.contracts} (ENGINE_PRE, 200): the answered subscriptions and credential contracts answer
 * BlockHost's read layouts at the node's head ({@code getSubscription(0)}: 73 bytes, {@code tokenOfSubscription(0)}:
 * 33 bytes). Deploying them is a write (not available: no sidecar), so they are deployed with the SDK from
 * {@code contracts/build} and answered here. The first pass publishes the addresses and {@value OpnetAnswers#START_BLOCK}
 * (the head then: the watcher's first block); complete while the published addresses are the answered ones, so a
 * retry publishes nothing new.
 */
@EngineId(OpnetEngine.ID)
@Component(service = FinalizationStep.class)
public final class ContractsStep extends OpnetSetupStep {
    public ContractsStep() {
        super("opnet.contracts", "Check the OPNet contracts", Phase.ENGINE_PRE, 200,
                Set.of(OpnetAnswers.SUBSCRIPTIONS, OpnetAnswers.CREDENTIAL));
    }

    @Override
    public boolean isComplete(FinalizationContext context) throws StepException {
        return context.published(OpnetAnswers.START_BLOCK).isPresent()
                && context.published(OpnetAnswers.SUBSCRIPTIONS).equals(java.util.Optional.of(address(context, OpnetAnswers.SUBSCRIPTIONS)))
                && context.published(OpnetAnswers.CREDENTIAL).equals(java.util.Optional.of(address(context, OpnetAnswers.CREDENTIAL)));
    }

    @Override
    public void run(FinalizationContext context) throws StepException {
        OpnetRpc rpc = rpc(context);
        OpnetReads reads = reads(context, rpc);
        long head;
        try {
            head = rpc.blockNumber();
        } catch (ChainUnavailableException e) {
            throw unavailable(e);
        }
        check(() -> reads.subscription(0, head), OpnetAnswers.SUBSCRIPTIONS, context);
        check(() -> reads.tokenOfSubscription(0, head), OpnetAnswers.CREDENTIAL, context);
        context.publish(OpnetAnswers.SUBSCRIPTIONS, address(context, OpnetAnswers.SUBSCRIPTIONS));
        context.publish(OpnetAnswers.CREDENTIAL, address(context, OpnetAnswers.CREDENTIAL));
        if (context.published(OpnetAnswers.START_BLOCK).isEmpty()) {
            context.publish(OpnetAnswers.START_BLOCK, Long.toString(head));
        }
    }

    private interface Read {
        Object read() throws ChainUnavailableException;
    }

    private static void check(Read read, String key, FinalizationContext context) throws StepException {
        try {
            read.read();
        } catch (ChainRejectedException e) {
            throw notOurs(key, context, "it reverted: " + e.reason());
        } catch (ChainUnavailableException e) {
            throw notOurs(key, context, e.getMessage());
        }
    }

    private static StepException notOurs(String key, FinalizationContext context, String why) throws StepException {
        return new StepException("the contract at " + address(context, key) + " (" + key + ") does not answer as"
                + " BlockHost's OPNet contract (" + why + "). Deploy contracts/build/*.wasm with the OPNet SDK (the host"
                + " does not deploy yet) and answer its address");
    }
}
