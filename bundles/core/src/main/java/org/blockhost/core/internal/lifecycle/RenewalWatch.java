package org.blockhost.core.internal.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.blockhost.core.internal.lifecycle.LifecycleRules.VmFacts;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.SubscriptionRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renewals whose log never arrived (a lossy RPC node, a watcher that skipped it). Before a VM is
 * suspended for expiry, and then at most once per {@code interval} while it stays suspended for
 * expiry, the subscription is read on chain at finality ({@link ChainAtFinality}). A later expiry
 * there is written to the store (audit {@code expiry corrected from chain}) so the VM stays up or
 * is resumed at once instead of waiting for the destroy check at the end of the grace period.
 * An unknown answer changes nothing: the suspend goes ahead, and the next check comes an interval later.
 */
final class RenewalWatch {
    private static final Logger LOG = LoggerFactory.getLogger(RenewalWatch.class);

    private final ChainAtFinality chain;
    private final Clock clock;
    private final Map<String, Long> lastCheck = new ConcurrentHashMap<>();
    private volatile Duration interval;

    RenewalWatch(ChainAtFinality chain, Clock clock, Duration interval) {
        this.chain = chain;
        this.clock = clock;
        this.interval = interval;
    }

    void interval(Duration changed) {
        this.interval = changed;
    }

    /**
     * The VM's facts with the chain's later expiry when the chain at finality shows a renewal; empty
     * when it does not, is unknown, or no check is due ({@code beforeSuspend}: always due).
     */
    Optional<VmFacts> check(Lifecycle.Row row, ChainHead head, boolean beforeSuspend) {
        VmFacts vm = row.facts();
        if (!LifecycleRules.lapsedByExpiry(vm, head) || !(beforeSuspend || "suspended".equals(vm.state()))) {
            return Optional.empty();
        }
        long now = clock.millis();
        Long last = lastCheck.get(row.name());
        if (!beforeSuspend && last != null && now - last < interval.toMillis()) {
            return Optional.empty();
        }
        lastCheck.put(row.name(), now);
        ChainAtFinality.Answer answer = chain.read(row.subscriptionId());
        if (!answer.known()) {
            LOG.info("lifecycle: {} expired in the store; {}", row.name(), answer.why());
            return Optional.empty();
        }
        Optional<SubscriptionRecord> renewal = LifecycleRules.missedRenewal(vm, row.subscriber(), answer.record());
        if (renewal.isEmpty()) {
            return Optional.empty();
        }
        SubscriptionRecord r = renewal.get();
        chain.correct(row, r, "renewal found at finality (block " + r.block() + "): expiry on chain " + r.expiresAt()
                + " is later than stored " + vm.expiresAt());
        LOG.warn("lifecycle: {} was renewed on chain until {} but its log never arrived; expiry corrected", row.name(),
                r.expiresAt());
        return Optional.of(vm.withExpiry(r.expiresAt(), r.block()));
    }

    /** Forgets VMs that no longer exist. */
    void retain(java.util.Set<String> names) {
        lastCheck.keySet().retainAll(names);
    }
}
