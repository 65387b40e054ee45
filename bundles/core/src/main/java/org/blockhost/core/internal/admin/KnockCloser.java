package org.blockhost.core.internal.admin;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.rootagent.api.RootAgent;
import org.blockhost.rootagent.api.RootAgentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes knocks whose stored expiry has passed ({@code firewall-close}, idempotent), also the ones
 * a previous run of the runtime opened. The kernel's element timeout closes them anyway; this makes
 * the store agree and covers a firewall that lost the timeout. A failed close is retried next tick.
 */
final class KnockCloser {
    private static final Logger LOG = LoggerFactory.getLogger(KnockCloser.class);

    private final Database db;
    private final Clock clock;
    private final Supplier<RootAgent> agent;

    KnockCloser(Database db, Clock clock, Supplier<RootAgent> agent) {
        this.db = db;
        this.clock = clock;
        this.agent = agent;
    }

    /** Closes what has expired; returns how many were closed. */
    int tick() {
        RootAgent a = agent.get();
        if (a == null) {
            return 0;
        }
        long now = clock.millis();
        var due = db.read(c -> Sql.list(c, "SELECT id, proto, port, source FROM knocks WHERE closed_at IS NULL"
                + " AND expires_at <= ? ORDER BY id", r -> new Object[] {r.getLong(1), r.getString(2), r.getInt(3),
                    r.getString(4)}, now));
        int closed = 0;
        for (Object[] k : due) {
            try {
                a.call("firewall-close", Map.of("proto", k[1], "port", k[2], "source", k[3]));
            } catch (RootAgentException e) {
                LOG.warn("cannot close knock {} yet ({}): retried", k[0], e.kind());
                continue;
            }
            db.write(c -> {
                Sql.update(c, "UPDATE knocks SET closed_at = ? WHERE id = ?", clock.millis(), k[0]);
                Audit.append(c, clock.millis(), "admin", "knock " + k[0], "closed", k[1] + "/" + k[2] + " for " + k[3]);
                return null;
            });
            closed++;
        }
        return closed;
    }
}
