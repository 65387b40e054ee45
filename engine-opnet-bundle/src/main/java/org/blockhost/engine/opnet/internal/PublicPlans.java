package org.blockhost.engine.opnet.internal;

import java.util.ArrayList;
import java.util.List;
import org.blockhost.engine.api.ChainUnavailableException;

/**
 * What the subscriptions contract sells, for the OPNet buy page: the payment token (address, symbol, decimals) and
 * plans 1 .. {@code planCount()} with their price per day in the token's base units and whether they are on sale,
 * read at head − confirmations and kept until the height changes. More than {@link #MAX_PLANS} plans is
 * "unavailable" rather than an unbounded scan.
 */
final class PublicPlans {
    static final int MAX_PLANS = 100;

    /** One plan: its id, price per day (base units, decimal string) and whether it is on sale. */
    record Plan(long id, String pricePerDay, boolean active) {
    }

    /** The offer at one height. */
    record Offer(String token, String symbol, int decimals, List<Plan> plans) {
    }

    private final OpnetRpc rpc;
    private final OpnetReads reads;
    private final int confirmations;
    private long height = -1;
    private Offer offer;

    PublicPlans(OpnetRpc rpc, OpnetReads reads, int confirmations) {
        this.rpc = rpc;
        this.reads = reads;
        this.confirmations = confirmations;
    }

    synchronized Offer offer() throws ChainUnavailableException {
        long at = Math.max(0, rpc.blockNumber() - confirmations);
        if (at != height || offer == null) {
            offer = read(at);
            height = at;
        }
        return offer;
    }

    private Offer read(long at) throws ChainUnavailableException {
        long count = reads.planCount(at);
        if (count > MAX_PLANS) {
            throw new ChainUnavailableException("planCount: " + count + " plans, more than " + MAX_PLANS);
        }
        String token = reads.paymentToken(at);
        int decimals = reads.tokenDecimals(token, at);
        String symbol = reads.tokenSymbol(token, at);
        List<Plan> plans = new ArrayList<>();
        for (long id = 1; id <= count; id++) {
            OpnetReads.Plan p = reads.plan(id, at);
            plans.add(new Plan(id, p.pricePerDay().toString(), p.active()));
        }
        return new Offer(token, symbol, decimals, List.copyOf(plans));
    }
}
