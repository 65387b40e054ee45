package org.blockhost.engine.opnet.internal;

import java.util.List;
import java.util.Optional;
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
 * {@code opnet.contracts} (ENGINE_PRE, 200). With both contract addresses answered: they must answer BlockHost's
 * read layouts at the node's head ({@code getSubscription(0)}: 73 bytes, {@code tokenOfSubscription(0)}: 33 bytes).
 * With neither answered: setup deploys both from the host wallet ({@link ContractDeploys}) and waits until the node
 * shows their code. Then it publishes the addresses and {@value OpnetAnswers#START_BLOCK} (the head at the first pass,
 * before anything is deployed: the watcher's first block); complete while the published addresses are these, so a
 * retry publishes nothing new.
 */
@EngineId(OpnetEngine.ID)
@Component(service = FinalizationStep.class)
public final class ContractsStep extends OpnetSetupStep {
    private final ContractDeploys deploys;

    public ContractsStep() {
        this(SetupWrites.NODE);
    }

    ContractsStep(SetupWrites.Opener opener) {
        super("opnet.contracts", "Check or deploy the OPNet contracts", Phase.ENGINE_PRE, 200,
                Set.of(OpnetAnswers.SUBSCRIPTIONS, OpnetAnswers.CREDENTIAL, OpnetAnswers.PAYMENT_TOKEN));
        this.deploys = new ContractDeploys(opener);
    }

    @Override
    public boolean isComplete(FinalizationContext context) throws StepException {
        Optional<List<String>> wanted = answered(context);
        if (wanted.isEmpty()) {
            Optional<SidecarWrites.Deployed> subs = ContractDeploys.sent(context, "subscriptions");
            Optional<SidecarWrites.Deployed> cred = ContractDeploys.sent(context, "credential");
            if (subs.isEmpty() || cred.isEmpty()) {
                return false;
            }
            wanted = Optional.of(List.of(subs.get().address(), cred.get().address()));
        }
        return context.published(OpnetAnswers.START_BLOCK).isPresent()
                && context.published(OpnetAnswers.SUBSCRIPTIONS).equals(Optional.of(wanted.get().get(0)))
                && context.published(OpnetAnswers.CREDENTIAL).equals(Optional.of(wanted.get().get(1)));
    }

    @Override
    public void run(FinalizationContext context) throws StepException {
        OpnetRpc rpc = rpc(context);
        long head;
        try {
            head = rpc.blockNumber();
        } catch (ChainUnavailableException e) {
            throw unavailable(e);
        }
        if (context.published(OpnetAnswers.START_BLOCK).isEmpty()) {
            context.publish(OpnetAnswers.START_BLOCK, Long.toString(head));
        }
        Optional<List<String>> answered = answered(context);
        List<String> contracts;
        if (answered.isPresent()) {
            contracts = answered.get();
            OpnetReads reads = new OpnetReads(rpc, contracts.get(0), contracts.get(1));
            check(() -> reads.subscription(0, head), OpnetAnswers.SUBSCRIPTIONS, context);
            check(() -> reads.tokenOfSubscription(0, head), OpnetAnswers.CREDENTIAL, context);
        } else {
            contracts = deploys.deployed(context, rpc);
        }
        context.publish(OpnetAnswers.SUBSCRIPTIONS, contracts.get(0));
        context.publish(OpnetAnswers.CREDENTIAL, contracts.get(1));
    }

    /** Both answered addresses, or empty when neither is answered (deploy); one without the other is refused. */
    private static Optional<List<String>> answered(FinalizationContext context) throws StepException {
        boolean subs = answered(context, OpnetAnswers.SUBSCRIPTIONS);
        if (subs != answered(context, OpnetAnswers.CREDENTIAL)) {
            throw new StepException("answer both OPNet contract addresses, or neither to deploy both from the host wallet");
        }
        return subs ? Optional.of(List.of(address(context, OpnetAnswers.SUBSCRIPTIONS), address(context, OpnetAnswers.CREDENTIAL)))
                : Optional.empty();
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
                + " BlockHost's OPNet contract (" + why + "). Answer the addresses of contracts deployed from"
                + " contracts/build, or leave both empty to deploy them from the host wallet");
    }
}
