package org.blockhost.core.internal.lifecycle;

import java.time.Clock;
import java.util.Optional;

import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.engine.api.SubscriptionRecord;

/**
 * Reads a subscription on chain at the finalized block ({@code Engine.finalizedSubscription},
 * fenced: no engine, any failure or no answer is "unknown") and writes a later expiry found there
 * into the store (a renewal whose log never arrived).
 */
final class ChainAtFinality {
    /** What the chain said: {@code known == false} means unknown ({@code why} says why). */
    record Answer(boolean known, Optional<SubscriptionRecord> record, String why) {
    }

    private final Database db;
    private final ActivePlugins plugins;
    private final Fence fence;
    private final Clock clock;

    ChainAtFinality(Database db, ActivePlugins plugins, Fence fence, Clock clock) {
        this.db = db;
        this.plugins = plugins;
        this.fence = fence;
        this.clock = clock;
    }

    Answer read(long subscriptionId) {
        var engine = plugins.engine();
        if (engine.isEmpty()) {
            return new Answer(false, Optional.empty(), "no engine to read the subscription at finality: state unknown");
        }
        Optional<SubscriptionRecord> onChain;
        try {
            onChain = fence.call(engine.get(), "engine " + engine.get().id() + " subscription " + subscriptionId
                    + " at finality", () -> engine.get().service().finalizedSubscription(subscriptionId));
        } catch (FenceException e) {
            return new Answer(false, Optional.empty(), "subscription at finality unknown: " + e.getMessage());
        }
        if (onChain == null) {
            return new Answer(false, Optional.empty(), "engine answered nothing for the subscription at finality");
        }
        return new Answer(true, onChain, "");
    }

    /** Stores the chain's expiry for the VM's subscription, resets its destroy checks and audits {@code detail}. */
    void correct(Lifecycle.Row row, SubscriptionRecord r, String detail) {
        long now = clock.millis();
        db.write(c -> {
            Sql.update(c, "UPDATE subscriptions SET expires_at = ?, expiry_block = ? WHERE id = ?",
                    r.expiresAt().toEpochMilli(), r.block(), row.subscriptionId());
            Sql.update(c, "UPDATE vms SET destroy_checks = 0, updated_at = ? WHERE name = ?", now, row.name());
            Audit.append(c, now, "lifecycle", row.name(), "expiry corrected from chain", detail);
            return null;
        });
    }
}
