package org.blockhost.core.internal.lifecycle;

import java.time.Clock;
import java.util.List;

import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the engine about every destroyed VM ({@code Engine.subscriptionDestroyed}, idempotent), so
 * the contract stops taking renewals for it; retried every pass until the call returns.
 */
final class DestroyReporter {
    private static final Logger LOG = LoggerFactory.getLogger(DestroyReporter.class);

    private final Database db;
    private final ActivePlugins plugins;
    private final Fence fence;
    private final Clock clock;

    DestroyReporter(Database db, ActivePlugins plugins, Fence fence, Clock clock) {
        this.db = db;
        this.plugins = plugins;
        this.fence = fence;
        this.clock = clock;
    }

    void tick() {
        var engine = plugins.engine();
        if (engine.isEmpty()) {
            return;
        }
        List<Object[]> pending = db.read(c -> Sql.list(c, "SELECT name, subscription_id FROM vms WHERE state = 'destroyed'"
                + " AND destroy_reported = 0 AND NOT EXISTS (SELECT 1 FROM chain_events e WHERE e.event_key = 'created:'"
                + " || vms.subscription_id AND e.orphaned = 1) ORDER BY name", r -> new Object[] {r.getString(1), r.getLong(2)}));
        for (Object[] vm : pending) {
            String name = (String) vm[0];
            long id = (Long) vm[1];
            try {
                fence.call(engine.get(), "engine " + engine.get().id() + " subscription " + id + " destroyed", () -> {
                    engine.get().service().subscriptionDestroyed(id);
                    return null;
                });
                long now = clock.millis();
                db.write(c -> {
                    Sql.update(c, "UPDATE vms SET destroy_reported = 1, updated_at = ? WHERE name = ?", now, name);
                    Audit.append(c, now, "lifecycle", name, "destroy reported to chain", "subscription " + id);
                    return null;
                });
            } catch (FenceException e) {
                LOG.warn("reporting the destroy of {} to the chain failed, retried next pass: {}", name, e.getMessage());
            }
        }
    }
}
