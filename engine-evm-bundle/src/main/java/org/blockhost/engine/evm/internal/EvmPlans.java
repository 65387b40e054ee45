package org.blockhost.engine.evm.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.blockhost.crypto.api.Eip55;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.PlanManager;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The subscriptions contract's plans ({@code createPlan}, {@code updatePlan}, {@code getPlan}).
 * Every change is checked against the plans on chain first and its gas estimated before a nonce is
 * taken, so a refused change sends nothing. The host key sends it (through the one {@link TxSender})
 * only while it owns the contract; after the hand-over to the admin wallet the outcome carries the
 * call data for that wallet instead.
 */
public final class EvmPlans implements PlanManager {
    static final int MAX_PLANS = 256;
    private static final String PLAN_CREATED = Abi.topic("PlanCreated(uint256,string,uint256)");

    private final ChainCalls calls;
    private final TxSender sender;
    private final String subscriptions;

    public EvmPlans(ChainCalls calls, TxSender sender, String subscriptions) {
        this.calls = calls;
        this.sender = sender;
        this.subscriptions = Eip55.checksum(subscriptions);
    }

    @Override
    public List<Plan> plans() throws ChainUnavailableException {
        return read(calls, sender.address(), subscriptions);
    }

    /** Every plan of {@code subscriptions} (at most {@value #MAX_PLANS}) at {@code latest}. */
    @SuppressWarnings("rawtypes")
    static List<Plan> read(ChainCalls calls, String from, String subscriptions) throws ChainUnavailableException {
        try {
            long count = ((BigInteger) Abi.decode(calls.call(from, subscriptions, Abi.encode("planCount"),
                    DefaultBlockParameterName.LATEST), new TypeReference<Uint256>() { }).get(0).getValue())
                    .min(BigInteger.valueOf(MAX_PLANS)).longValueExact();
            List<Plan> plans = new ArrayList<>();
            for (long id = 1; id <= count; id++) {
                List<Type> p = Abi.decode(calls.call(from, subscriptions, Abi.encode("getPlan", new Uint256(id)),
                        DefaultBlockParameterName.LATEST), new TypeReference<Utf8String>() { },
                        new TypeReference<Uint256>() { }, new TypeReference<Bool>() { });
                plans.add(new Plan(id, (String) p.get(0).getValue(),
                        ((BigInteger) p.get(1).getValue()).longValueExact(), (Boolean) p.get(2).getValue()));
            }
            return List.copyOf(plans);
        } catch (TransactionRevertedException | RuntimeException e) {
            throw new ChainUnavailableException("cannot read the plans of " + subscriptions, e);
        }
    }

    @Override
    public Outcome apply(Change change) throws RefusedException, ChainUnavailableException {
        List<Plan> plans = plans();
        String data = callData(change, plans);
        String owner = ContractRoles.address(calls, sender.address(), subscriptions, "owner");
        if (!owner.equalsIgnoreCase(sender.address())) {
            return Outcome.ownerMustSend(Eip55.checksum(owner), change.planId(), subscriptions, data);
        }
        try {
            TransactionReceipt receipt = sender.sendAndWait(subscriptions, data);
            long id = change.kind() == Kind.CREATE ? createdId(receipt) : change.planId();
            return Outcome.sent(receipt.getTransactionHash(), id, subscriptions, data);
        } catch (TransactionRevertedException e) {
            throw new RefusedException("The subscriptions contract refused the change (" + e.reason()
                    + "); nothing was sent.");
        }
    }

    /** The call for {@code change}, refused when it does not fit {@code plans}. */
    static String callData(Change change, List<Plan> plans) throws RefusedException {
        if (change.kind() == Kind.CREATE) {
            Plan taken = plans.stream().filter(p -> p.name().equals(change.name())).findFirst().orElse(null);
            if (taken != null) {
                throw new RefusedException("Plan " + taken.id() + " is already called '" + taken.name() + "'.");
            }
            return Abi.encode("createPlan", new Utf8String(change.name()), new Uint256(change.centsPerDay()));
        }
        Plan plan = plans.stream().filter(p -> p.id() == change.planId()).findFirst().orElseThrow(
                () -> new RefusedException("There is no plan " + change.planId() + "; see the plan list."));
        if (change.kind() == Kind.RETIRE && !plan.active()) {
            throw new RefusedException("Plan " + plan.id() + " is retired already.");
        }
        boolean active = change.kind() != Kind.RETIRE && plan.active();
        long cents = change.kind() == Kind.PRICE ? change.centsPerDay() : plan.centsPerDay();
        return Abi.encode("updatePlan", new Uint256(plan.id()), new Utf8String(plan.name()), new Uint256(cents),
                new Bool(active));
    }

    private long createdId(TransactionReceipt receipt) {
        for (Log log : receipt.getLogs()) {
            List<String> topics = log.getTopics();
            if (log.getAddress().equalsIgnoreCase(subscriptions) && topics.size() == 2
                    && topics.get(0).equalsIgnoreCase(PLAN_CREATED)) {
                return new BigInteger(topics.get(1).substring(2), 16).longValueExact();
            }
        }
        throw new IllegalStateException("the receipt of " + receipt.getTransactionHash() + " has no PlanCreated event");
    }
}
