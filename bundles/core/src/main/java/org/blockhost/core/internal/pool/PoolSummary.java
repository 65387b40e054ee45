package org.blockhost.core.internal.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.blockhost.console.api.PoolStatus.PlanPool;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;

/** The warm pool per plan for the consoles: the configured size next to what the store holds. */
final class PoolSummary {
    private static final String MINE = " AND (provisioner = ? OR provisioner = '')";

    private PoolSummary() {
    }

    /** Every plan with a size or rows; {@code active}: the active provisioner's id ("" when none). */
    static List<PlanPool> of(Database db, PoolSizes sizes, String active, Instant now) {
        long midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return db.read(c -> {
            TreeSet<Long> plans = new TreeSet<>(sizes.byPlan().keySet());
            plans.addAll(Sql.list(c, "SELECT DISTINCT plan_id FROM pool_vms", r -> r.getLong(1)));
            List<PlanPool> out = new ArrayList<>();
            for (long plan : plans) {
                out.add(plan(c, plan, sizes.of(plan), active, midnight));
            }
            return out;
        });
    }

    private static PlanPool plan(Connection c, long plan, int wanted, String active, long midnight) throws SQLException {
        String q = "SELECT COUNT(*) FROM pool_vms WHERE plan_id = ? AND state = ?" + MINE;
        long ready = Sql.count(c, q, plan, PoolStore.READY, active);
        long filling = Sql.count(c, q, plan, PoolStore.FILLING, active);
        long assigning = Sql.count(c, q, plan, PoolStore.ASSIGNING, active);
        long today = Sql.count(c, "SELECT COUNT(*) FROM pool_vms WHERE plan_id = ? AND state = ? AND updated_at >= ?", plan,
                PoolStore.ASSIGNED, midnight);
        long elsewhere = Sql.count(c, "SELECT COUNT(*) FROM pool_vms WHERE plan_id = ? AND state <> ? AND provisioner <> ''"
                + " AND provisioner <> ?", plan, PoolStore.ASSIGNED, active);
        String mine = " FROM pool_vms WHERE plan_id = ? AND state <> ?" + MINE;
        Optional<Instant> oldest = Sql.one(c, "SELECT MIN(created_at)" + mine + " HAVING COUNT(*) > 0",
                r -> Instant.ofEpochMilli(r.getLong(1)), plan, PoolStore.ASSIGNED, active);
        String template = Sql.one(c, "SELECT template, template_build" + mine + " ORDER BY id DESC LIMIT 1",
                r -> (r.getString(1) + " " + r.getString(2)).trim(), plan, PoolStore.ASSIGNED, active).orElse("");
        return new PlanPool(plan, wanted, ready, filling, assigning, today, elsewhere, oldest, template);
    }
}
