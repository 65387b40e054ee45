package org.blockhost.core.internal.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.lifecycle.LifecycleRules.Action;
import org.blockhost.core.internal.lifecycle.LifecycleRules.Decision;
import org.blockhost.core.internal.lifecycle.LifecycleRules.VmFacts;
import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.MadeBy;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.provisioner.api.VmStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lifecycle pass over every VM that exists, whatever its pipeline stage: reads the chain head
 * once, decides, looks for a renewal on chain at finality before suspending for expiry and
 * periodically while suspended ({@link RenewalWatch}), confirms a destroy against the chain at
 * finality, acts, audits; converges every VM's actual state with the wanted one ({@link Converger}); then reports
 * destroys to the chain and serves purchases that replaced a reorged one. A VM another provisioner
 * made (before a swap of provisioner bundles) is left alone: no decision, no call (the reconciler
 * reports it).
 */
public final class Lifecycle {
    /** Default for {@code maxCursorLagBlocks}. */
    public static final long DEFAULT_MAX_CURSOR_LAG = 64;
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    private static final String FACTS = "SELECT v.name, v.state, s.expires_at, s.cancelled, v.held,"
            + " EXISTS (SELECT 1 FROM chain_events e WHERE e.event_key = 'created:' || s.id AND e.orphaned = 1),"
            + " v.suspended_at, s.expiry_block, v.destroy_checks, v.operator_suspended, s.id, s.subscriber"
            + " FROM vms v JOIN subscriptions s ON s.id = v.subscription_id"
            + " WHERE v.state IN ('provisioning', 'active', 'suspended') AND " + MadeBy.MINE + " ORDER BY v.name";

    /** Default for {@code renewalCheckMinutes}. */
    public static final double DEFAULT_RENEWAL_CHECK_MINUTES = 10;

    /** A VM and what the rules need about it. */
    record Row(String name, long subscriptionId, String subscriber, VmFacts facts) {
        Row with(VmFacts changed) {
            return new Row(name, subscriptionId, subscriber, changed);
        }
    }

    private final Database db;
    private final ActivePlugins plugins;
    private final Fence fence;
    private final Clock clock;
    private final VmActions actions;
    private final DestroyGuard guard;
    private final DestroyReporter reporter;
    private final ConflictResolver conflicts;
    private final RenewalWatch renewals;
    private final Converger converger;
    private volatile Duration grace;
    private final Map<String, Long> heads = new ConcurrentHashMap<>();

    public Lifecycle(Database db, ActivePlugins plugins, Fence fence, Clock clock, Duration grace) {
        this.db = db;
        this.plugins = plugins;
        this.fence = fence;
        this.clock = clock;
        this.grace = grace;
        this.actions = new VmActions(db, plugins, fence, clock);
        ChainAtFinality chain = new ChainAtFinality(db, plugins, fence, clock);
        this.guard = new DestroyGuard(db, chain, DEFAULT_MAX_CURSOR_LAG);
        this.renewals = new RenewalWatch(chain, clock, Duration.ofSeconds((long) (DEFAULT_RENEWAL_CHECK_MINUTES * 60)));
        this.reporter = new DestroyReporter(db, plugins, fence, clock);
        this.conflicts = new ConflictResolver(db, plugins, fence, clock);
        this.converger = new Converger(db, plugins, fence, clock);
    }

    /** Latest chain head number per engine id, as last read (for chain lag). */
    public Map<String, Long> heads() {
        return Map.copyOf(heads);
    }

    /** Suspend, resume and destroy as the operator commands use them. */
    public VmActions actions() {
        return actions;
    }

    public void tick() {
        Optional<ChainHead> head = readHead();
        List<Row> vms = db.read(c -> Sql.list(c, FACTS, r -> new Row(r.getString(1), r.getLong(11), r.getString(12),
                new VmFacts(r.getString(2), Instant.ofEpochMilli(r.getLong(3)), r.getInt(4) == 1, r.getInt(5) == 1,
                        r.getInt(6) == 1, Sql.nullableLong(r, "suspended_at") == null ? null : Instant.ofEpochMilli(r.getLong(7)),
                        r.getLong(8), r.getInt(9), r.getInt(10) == 1)), plugins.provisionerId()));
        renewals.retain(vms.stream().map(Row::name).collect(java.util.stream.Collectors.toSet()));
        for (Row found : vms) {
            Row row = found;
            Decision d = LifecycleRules.decide(row.facts(), head, clock.instant(), grace);
            if (head.isPresent() && (d.action() == Action.SUSPEND || "suspended".equals(row.facts().state()))) {
                Optional<VmFacts> renewed = renewals.check(row, head.get(), d.action() == Action.SUSPEND);
                if (renewed.isPresent()) {
                    row = row.with(renewed.get());
                    d = LifecycleRules.decide(row.facts(), head, clock.instant(), grace);
                }
            }
            if (d.action() == Action.DESTROY) {
                d = guard.confirm(row, head.orElseThrow());
            }
            if (d.action() != Action.NONE && d.action() != Action.UPDATE_EXPIRY) {
                apply(row.name(), d);
            }
        }
        if (head.isPresent()) {
            converger.tick();
        }
        reporter.tick();
        head.ifPresent(conflicts::tick);
    }

    private Optional<ChainHead> readHead() {
        var engine = plugins.engine();
        if (engine.isEmpty()) {
            return Optional.empty();
        }
        try {
            ChainHead h = fence.call(engine.get(), "engine " + engine.get().id() + " head", () -> engine.get().service().head());
            heads.put(engine.get().id(), h.number());
            return Optional.of(h);
        } catch (FenceException e) {
            LOG.info("lifecycle: chain head unknown ({}); no lifecycle action this round", e.getMessage());
            return Optional.empty();
        }
    }

    private void apply(String name, Decision d) {
        if (d.action() == Action.RESET_CHECKS || d.action() == Action.DESTROY_CHECK) {
            int checks = d.action() == Action.DESTROY_CHECK ? 1 : 0;
            long now = clock.millis();
            db.write(c -> {
                Sql.update(c, "UPDATE vms SET destroy_checks = ?, updated_at = ? WHERE name = ?", checks, now, name);
                Audit.append(c, now, "lifecycle", name, checks == 1 ? "destroy check 1 of 2" : "destroy checks reset", d.reason());
                return null;
            });
            return;
        }
        try {
            switch (d.action()) {
                case SUSPEND -> suspend(name, d.reason());
                case RESUME -> actions.resume(name, "lifecycle", d.reason());
                case DESTROY -> actions.destroy(name, "lifecycle", d.reason());
                default -> { }
            }
        } catch (FenceException e) {
            LOG.warn("lifecycle {} of {} failed, retried next round: {}", d.action(), name, e.getMessage());
        }
    }

    /** Suspends at expiry; a VM missing on the hypervisor is recorded as suspended, so it is destroyed after grace. */
    private void suspend(String name, String reason) throws FenceException {
        if (converger.status(name) == VmStatus.DESTROYED) {
            actions.markSuspended(name, "lifecycle", reason + "; the VM is missing on the hypervisor", false);
        } else {
            actions.suspend(name, "lifecycle", reason, false);
        }
    }

    public void grace(Duration changed) {
        this.grace = changed;
    }

    /** How often a VM suspended for expiry is checked for a renewal on chain at finality. */
    public void renewalCheckInterval(Duration interval) {
        renewals.interval(interval);
    }

    /** How far the committed watcher cursor may trail the finalized block for a destroy to go ahead. */
    public void maxCursorLag(long blocks) {
        guard.maxCursorLag(blocks);
    }
}
