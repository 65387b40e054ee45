package org.blockhost.core.internal.funds;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.funds.FundStore.Transfer;
import org.blockhost.engine.api.Treasury.TxState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one recorded transfer and follows it to its receipt. A transfer's hash and nonce are
 * committed before it is broadcast; a recorded transaction the node does not know is sent again
 * only when it can never be mined (recorded by an earlier process, which crashed before the
 * broadcast, or its nonce is taken by another mined transaction).
 */
final class FundSender {
    private static final Logger LOG = LoggerFactory.getLogger(FundSender.class);
    private static final String WITHDRAW = "withdraw";

    private final FundStore store;
    private final TreasuryCalls chain;
    private final FundManager.Sleeper sleeper;
    private final KillPoints points;
    private final Set<String> broadcastHere = ConcurrentHashMap.newKeySet();

    FundSender(FundStore store, TreasuryCalls chain, FundManager.Sleeper sleeper, KillPoints points) {
        this.store = store;
        this.chain = chain;
        this.sleeper = sleeper;
        this.points = points;
    }

    /** Sends a planned transfer and waits for it; true once paid or failed, false while still pending. */
    boolean settle(Transfer t, FundSettings s) throws FenceException, InterruptedException {
        Transfer current = t;
        if (t.state().equals("planned")) {
            points.at(t.kind() + ".before", t.role());
            String hash = send(t);
            broadcastHere.add(hash);
            current = store.transfers(t.runId()).stream().filter(x -> x.seq() == t.seq()).findFirst().orElseThrow();
        }
        long deadline = System.nanoTime() + s.receiptTimeoutSeconds() * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Transfer c = current;
            TxState state = chain.call("fund transaction", tr -> tr.transaction(c.hash()));
            switch (state.state()) {
                case CONFIRMED -> {
                    store.settle(c, "paid");
                    LOG.info("fund manager: {} {} {} to {} paid ({})", c.kind(), c.amount(), c.asset(), c.role(), c.hash());
                    points.at(c.kind() + ".paid", c.role());
                    return true;
                }
                case FAILED -> {
                    store.settle(c, "failed");
                    return true;
                }
                case UNKNOWN -> {
                    if (neverMined(c)) {
                        LOG.warn("fund manager: {} was never broadcast or dropped; sending it again", c.hash());
                        store.replan(c);
                        return true;
                    }
                }
                default -> { }
            }
            sleeper.sleep(500);
        }
        return false;
    }

    /** Not known to the node: recorded by an earlier process (a crash before broadcast), or its nonce is used. */
    private boolean neverMined(Transfer t) throws FenceException {
        if (!broadcastHere.contains(t.hash())) {
            return true;
        }
        long mined = chain.call("fund nonce", tr -> tr.minedNonce());
        return t.nonce() != null && mined > t.nonce();
    }

    /** Sends; a transfer the engine refuses before sending (it would revert) ends the run as failed. */
    private String send(Transfer t) throws FenceException {
        Sent sent = chain.call("fund " + t.kind(), tr -> {
            try {
                if (t.kind().equals(WITHDRAW)) {
                    return new Sent(tr.withdraw(t.to()), null);
                }
                return new Sent(tr.send(t.asset(), t.to(), t.amount(), (hash, nonce) -> {
                    store.signed(t, hash, nonce);
                    points.at("transfer.signed", t.role());
                }), null);
            } catch (IllegalArgumentException | IllegalStateException e) {
                return new Sent(null, e.getMessage());
            }
        });
        if (sent.refusal() != null) {
            store.settle(t, "failed");
            throw new Refused(t.kind() + " to " + t.role() + " not sent: " + sent.refusal());
        }
        points.at(t.kind() + ".sent", t.role());
        if (t.kind().equals(WITHDRAW)) {
            store.signed(t, sent.hash(), null);
        }
        return sent.hash();
    }

    private record Sent(String hash, String refusal) {
    }

    /** The engine refused a transfer before sending it. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
