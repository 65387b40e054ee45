package org.blockhost.core.internal.funds;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.funds.FundStore.Run;
import org.blockhost.core.internal.funds.FundStore.Transfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Withdraws the contract's revenue to the host wallet, pays the revenue shares and sends the rest
 * to the remainder role, never paying twice: every transfer of a run is recorded as planned before
 * the first is sent, each signed transaction's hash and nonce are committed before it is broadcast,
 * and an open run is reconciled by receipt (or nonce) before anything new is sent. The host's gas
 * must stay at or above the threshold: below it the run is held (revenue stays in the host wallet)
 * until someone tops the host wallet up. One run at a time.
 */
public final class FundManager {
    private static final Logger LOG = LoggerFactory.getLogger(FundManager.class);
    private static final String WITHDRAW = "withdraw";
    private static final String TRANSFER = "transfer";
    /**
     * One run at a time in the runtime, across instances: a reconfigured component makes a new
     * manager while a run of the old one may still be sending (a CLI call waits for receipts).
     */
    private static final ReentrantLock RUNS = new ReentrantLock();

    private final FundStore store;
    private final TreasuryCalls chain;
    private final FundSender sender;
    private volatile FundSettings settings;

    /** Waits between receipt polls (a test clock in unit tests). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public FundManager(FundStore store, TreasuryCalls chain, FundSettings settings, Sleeper sleeper) {
        this(store, chain, settings, sleeper, KillPoints.NONE);
    }

    /** With the crash test's kill points ({@link KillPoints#NONE} outside that test). */
    public FundManager(FundStore store, TreasuryCalls chain, FundSettings settings, Sleeper sleeper, KillPoints points) {
        this.store = store;
        this.chain = chain;
        this.settings = settings;
        this.sender = new FundSender(store, chain, sleeper, points);
    }

    public void configure(FundSettings changed) {
        this.settings = changed;
    }

    public FundSettings settings() {
        return settings;
    }

    /** The run's outcome: {@code state} is done, held, failed, refused or open (still waiting). */
    public record Report(long run, String state, List<String> lines, List<Transfer> transfers) {
    }

    /** Resumes an open run, else starts one; waits while another manager's run is in flight. */
    public Report run() throws FenceException, InterruptedException {
        RUNS.lockInterruptibly();
        try {
            return runAlone();
        } finally {
            RUNS.unlock();
        }
    }

    private Report runAlone() throws FenceException, InterruptedException {
        FundSettings s = require();
        Optional<Run> open = store.openRun();
        long id;
        if (open.isPresent()) {
            id = open.get().id();
            LOG.info("fund manager resumes run {}", id);
        } else {
            FundFacts facts = FundFacts.read(chain, s);
            id = store.newRun();
            String refusal = facts.refusal(s);
            if (refusal != null) {
                store.finish(id, "refused", refusal);
                return report(id, List.of(refusal));
            }
            if (facts.collected().amount().signum() > 0) {
                store.plan(id, List.of(new Transfer(id, 0, WITHDRAW, "payout", facts.payout(),
                        facts.collected().asset(), facts.collected().amount(), "planned", null, null)));
            }
        }
        return proceed(id, s);
    }

    /** What {@link #run} would do now, sending nothing. */
    public Report dryRun() throws FenceException {
        return FundPreview.of(require(), store.openRun(), store, FundFacts.read(chain, require()));
    }

    public List<Run> recentRuns(int limit) {
        return store.recentRuns(limit);
    }

    public List<Transfer> transfers(long run) {
        return store.transfers(run);
    }

    private Report proceed(long id, FundSettings s) throws FenceException, InterruptedException {
        while (true) {
            List<Transfer> all = store.transfers(id);
            Optional<Transfer> next = all.stream().filter(t -> !t.state().equals("paid")).findFirst();
            if (next.isEmpty()) {
                if (all.stream().anyMatch(t -> t.kind().equals(TRANSFER)) || !planShares(id, s)) {
                    store.finish(id, "done", "paid");
                    return report(id, List.of("done"));
                }
                continue;
            }
            Transfer t = next.get();
            if (t.state().equals("failed")) {
                return failed(id, t);
            }
            FundFacts facts = FundFacts.read(chain, s);
            if (t.state().equals("planned") && facts.gasLow(s)) {
                store.note(id, facts.gasSentence(s));
                LOG.warn("fund manager: {}", facts.gasSentence(s));
                return new Report(id, "held", List.of(facts.gasSentence(s)), store.transfers(id));
            }
            boolean settled;
            try {
                settled = sender.settle(t, s);
            } catch (FundSender.Refused e) {
                store.finish(id, "failed", e.getMessage());
                return report(id, List.of(e.getMessage()));
            }
            if (!settled) {
                return new Report(id, "open", List.of("waiting for " + t.hash()), store.transfers(id));
            }
        }
    }

    /** Plans the split of the host's payment-token balance once the withdrawal is in; false: nothing to pay. */
    private boolean planShares(long id, FundSettings s) throws FenceException {
        FundFacts facts = FundFacts.read(chain, s);
        if (!facts.payoutIsHost() || facts.refusal(s) != null) {
            return false;
        }
        List<FundPlan.Transfer> split = FundPlan.split(facts.hostCoin().amount(), s.shares(), s.remainderRole(),
                facts.addresses());
        if (split.isEmpty()) {
            return false;
        }
        List<Transfer> rows = new ArrayList<>();
        for (FundPlan.Transfer p : split) {
            rows.add(new Transfer(id, 0, TRANSFER, p.role(), p.to(), facts.hostCoin().asset(), p.amount(), "planned",
                    null, null));
        }
        store.plan(id, rows);
        return true;
    }

    private Report failed(long id, Transfer t) {
        String why = t.kind() + " to " + t.role() + " " + t.to() + " failed on chain (" + t.hash()
                + "); the next run pays from the host wallet's balance again";
        store.finish(id, "failed", why);
        return report(id, List.of(why));
    }

    private Report report(long id, List<String> lines) {
        String state = store.recentRuns(Integer.MAX_VALUE).stream().filter(r -> r.id() == id).map(Run::state)
                .findFirst().orElse("open");
        return new Report(id, state, lines, store.transfers(id));
    }

    private FundSettings require() {
        FundSettings s = settings;
        if (s == null) {
            throw new IllegalStateException("the fund manager's configuration is invalid; see the log");
        }
        return s;
    }


}
