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
import org.blockhost.core.internal.active.PluginHandle;
import org.blockhost.core.internal.lifecycle.LifecycleRules.Action;
import org.blockhost.core.internal.lifecycle.LifecycleRules.Decision;
import org.blockhost.core.internal.lifecycle.LifecycleRules.VmFacts;
import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.provisioner.api.Provisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One lifecycle pass over every live VM: reads the chain head once, decides, acts, audits. */
public final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    private static final String FACTS = "SELECT v.name, v.state, s.expires_at, s.cancelled, v.held,"
            + " EXISTS (SELECT 1 FROM chain_events e WHERE e.event_key = 'created:' || s.id AND e.orphaned = 1),"
            + " v.suspended_at, s.expiry_block, v.destroy_checks FROM vms v JOIN subscriptions s ON s.id = v.subscription_id"
            + " JOIN pipeline p ON p.subscription_id = s.id WHERE p.stage = 'active' AND v.state IN ('active', 'suspended')"
            + " ORDER BY v.name";

    private final Database db;
    private final ActivePlugins plugins;
    private final Fence fence;
    private final Clock clock;
    private volatile Duration grace;
    private final Map<String, Long> heads = new ConcurrentHashMap<>();

    public Lifecycle(Database db, ActivePlugins plugins, Fence fence, Clock clock, Duration grace) {
        this.db = db;
        this.plugins = plugins;
        this.fence = fence;
        this.clock = clock;
        this.grace = grace;
    }

    /** Latest chain head number per engine id, as last read (for chain lag). */
    public Map<String, Long> heads() {
        return Map.copyOf(heads);
    }

    public void tick() {
        Optional<ChainHead> head = readHead();
        Optional<PluginHandle<Provisioner>> provisioner = plugins.provisioner();
        List<Object[]> vms = db.read(c -> Sql.list(c, FACTS, r -> new Object[] {r.getString(1), new VmFacts(r.getString(2),
                Instant.ofEpochMilli(r.getLong(3)), r.getInt(4) == 1, r.getInt(5) == 1, r.getInt(6) == 1,
                Sql.nullableLong(r, "suspended_at") == null ? null : Instant.ofEpochMilli(r.getLong(7)), r.getLong(8),
                r.getInt(9))}));
        for (Object[] row : vms) {
            Decision d = LifecycleRules.decide((VmFacts) row[1], head, clock.instant(), grace);
            if (d.action() != Action.NONE) {
                apply((String) row[0], d, provisioner);
            }
        }
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

    private void apply(String name, Decision d, Optional<PluginHandle<Provisioner>> provisioner) {
        long now = clock.millis();
        if (d.action() == Action.RESET_CHECKS || d.action() == Action.DESTROY_CHECK) {
            int checks = d.action() == Action.DESTROY_CHECK ? 1 : 0;
            record(name, "UPDATE vms SET destroy_checks = " + checks + ", updated_at = ? WHERE name = ?", now,
                    d.action() == Action.DESTROY_CHECK ? "destroy check 1 of 2" : "destroy checks reset", d.reason());
            return;
        }
        if (provisioner.isEmpty()) {
            return;
        }
        try {
            PluginHandle<Provisioner> p = provisioner.get();
            switch (d.action()) {
                case SUSPEND -> {
                    fence.call(p, "provisioner " + p.id() + " suspend " + name, () -> call(() -> p.service().suspend(name)));
                    record(name, "UPDATE vms SET state = 'suspended', suspended_at = ?, destroy_checks = 0 WHERE name = ?",
                            now, "suspended", d.reason());
                }
                case RESUME -> {
                    fence.call(p, "provisioner " + p.id() + " resume " + name, () -> call(() -> p.service().resume(name)));
                    record(name, "UPDATE vms SET state = 'active', suspended_at = NULL, destroy_checks = ? WHERE name = ?",
                            0, "resumed", d.reason());
                }
                case DESTROY -> {
                    fence.call(p, "provisioner " + p.id() + " destroy " + name, () -> call(() -> p.service().destroy(name)));
                    record(name, "UPDATE vms SET state = 'destroyed', destroy_checks = 0, updated_at = ? WHERE name = ?",
                            now, "destroyed", d.reason());
                }
                default -> { }
            }
        } catch (FenceException e) {
            LOG.warn("lifecycle {} of {} failed, retried next round: {}", d.action(), name, e.getMessage());
        }
    }

    private void record(String name, String sql, long arg, String action, String reason) {
        long now = clock.millis();
        db.write(c -> {
            Sql.update(c, sql, arg, name);
            Sql.update(c, "UPDATE chain_events SET acted = 1 WHERE subject = (SELECT subscription_id FROM vms WHERE name = ?)"
                    + " AND kind IN ('SubscriptionExtended', 'SubscriptionCancelled')", name);
            Audit.append(c, now, "lifecycle", name, action, reason);
            return null;
        });
        LOG.info("lifecycle: {} {} ({})", name, action, reason);
    }

    private static Void call(ProvisionerCall call) throws Exception {
        call.run();
        return null;
    }

    @FunctionalInterface
    private interface ProvisionerCall {
        void run() throws Exception;
    }

    public void grace(Duration changed) {
        this.grace = changed;
    }
}
