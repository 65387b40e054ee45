package org.blockhost.core.internal.lifecycle;

import java.time.Clock;
import java.util.Optional;

import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.lifecycle.LifecycleRules.Action;
import org.blockhost.core.internal.lifecycle.LifecycleRules.Decision;
import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.SubscriptionRecord;

/**
 * Reads what {@link LifecycleRules#confirmDestroy} needs before a DESTROY: the engine's committed
 * cursor and {@code Engine.finalizedSubscription} (fenced; any failure is "unknown"). A later
 * expiry on chain is written to the store at once, so the next pass resumes the VM.
 */
final class DestroyGuard {
    private final Database db;
    private final ActivePlugins plugins;
    private final Fence fence;
    private final Clock clock;
    private volatile long maxCursorLag;

    DestroyGuard(Database db, ActivePlugins plugins, Fence fence, Clock clock, long maxCursorLag) {
        this.db = db;
        this.plugins = plugins;
        this.fence = fence;
        this.clock = clock;
        this.maxCursorLag = maxCursorLag;
    }

    void maxCursorLag(long blocks) {
        this.maxCursorLag = blocks;
    }

    Decision confirm(Lifecycle.Row row, ChainHead head) {
        var engine = plugins.engine();
        if (engine.isEmpty()) {
            return LifecycleRules.hold(row.facts(), "no engine to read the subscription at finality: state unknown");
        }
        Optional<Long> cursor = db.read(c -> Sql.one(c, "SELECT block_number FROM chain_cursors WHERE engine_id ="
                + " (SELECT engine_id FROM subscriptions WHERE id = ?)", r -> r.getLong(1), row.subscriptionId()));
        Optional<SubscriptionRecord> onChain;
        try {
            onChain = fence.call(engine.get(), "engine " + engine.get().id() + " subscription " + row.subscriptionId()
                    + " at finality", () -> engine.get().service().finalizedSubscription(row.subscriptionId()));
        } catch (FenceException e) {
            return LifecycleRules.hold(row.facts(), "subscription at finality unknown: " + e.getMessage());
        }
        if (onChain == null) {
            return LifecycleRules.hold(row.facts(), "engine answered nothing for the subscription at finality");
        }
        Decision d = LifecycleRules.confirmDestroy(row.facts(), row.subscriber(), head, cursor, maxCursorLag, onChain);
        if (d.action() == Action.UPDATE_EXPIRY) {
            correct(row, onChain.get(), d.reason());
        }
        return d;
    }

    private void correct(Lifecycle.Row row, SubscriptionRecord r, String reason) {
        long now = clock.millis();
        db.write(c -> {
            Sql.update(c, "UPDATE subscriptions SET expires_at = ?, expiry_block = ? WHERE id = ?",
                    r.expiresAt().toEpochMilli(), r.block(), row.subscriptionId());
            Sql.update(c, "UPDATE vms SET destroy_checks = 0, updated_at = ? WHERE name = ?", now, row.name());
            Audit.append(c, now, "lifecycle", row.name(), "expiry corrected from chain", reason + "; not destroyed");
            return null;
        });
    }
}
