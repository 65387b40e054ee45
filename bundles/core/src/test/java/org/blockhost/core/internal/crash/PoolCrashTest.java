package org.blockhost.core.internal.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at every step of a warm-pool assignment ({@link PoolCrashChild}: 5 purchases, a pool of
 * 3): after the claim's commit, after the assignment's effect, after the stage commit, and at the
 * later stages. Each run ends with every purchase active exactly once, no pool VM given to two
 * buyers, exactly the pool's 3 VMs served warm, and no stray VM on the hypervisor.
 */
class PoolCrashTest {
    static final List<String> POINTS = List.of("CLAIMED received", "ASSIGNED received", "BOUNDARY vm_created",
            "MID vm_created", "BOUNDARY credentials_encrypted", "MID nft_minted", "BOUNDARY active");
    private static final int SUBSCRIPTIONS = 5;

    @TempDir
    Path dir;

    /** One run per assignment step (claim committed; assignment done, stage not committed), in the default test run. */
    @Test
    void everyAssignmentStep() throws Exception {
        runs(2, 11, 1);
    }

    /** Every point, 1-3 kills per run (tag {@code crash}). */
    @Test
    @Tag("crash")
    void randomizedRuns() throws Exception {
        runs(14, 23, 3);
    }

    private void runs(int count, long seed, int maxKills) throws Exception {
        Map<String, Integer> hits = new TreeMap<>();
        for (int run = 0; run < count; run++) {
            Random rnd = new Random(seed + run);
            Path runDir = dir.resolve("run" + run);
            List<String> killedAt = new ArrayList<>();
            int kills = 1 + rnd.nextInt(maxKills);
            for (int k = 0; k < kills; k++) {
                String point = k == 0 ? POINTS.get(run % POINTS.size()) : POINTS.get(rnd.nextInt(POINTS.size()));
                int occurrence = 1 + rnd.nextInt(point.endsWith("received") ? PoolCrashChild.POOL : SUBSCRIPTIONS);
                ChildRun.Result r = ChildRun.start(runDir, SUBSCRIPTIONS, PoolCrashChild.class).until(point, occurrence);
                if (r.killed()) {
                    killedAt.add(r.killedAt());
                    hits.merge(point, 1, Integer::sum);
                }
            }
            ChildRun.Result last = ChildRun.start(runDir, SUBSCRIPTIONS, PoolCrashChild.class).until(null, 0);
            assertTrue(last.finished(), "run " + run + " did not finish: " + last);
            verify(run, runDir, killedAt);
        }
        System.out.println("POOL CRASH TEST: " + count + " runs, kills per point: " + hits);
        for (String point : POINTS.subList(0, Math.min(count, POINTS.size()))) {
            assertTrue(hits.containsKey(point), "kill point never hit: " + point);
        }
    }

    private static void verify(int run, Path runDir, List<String> killedAt) throws Exception {
        String where = "run " + run + " killed at " + killedAt + ": ";
        try (Database db = Database.open(runDir.resolve("state/blockhost.db"));
                Ledger ledger = new Ledger(runDir.resolve("ledger.db"))) {
            for (int s = 1; s <= SUBSCRIPTIONS; s++) {
                String subject = "subscription " + s;
                assertEquals(1, (long) db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM audit_log WHERE subject = ?"
                        + " AND action = 'active'", subject)), where + "reached active exactly once: " + subject);
                long sub = s;
                String name = db.read(c -> Sql.one(c, "SELECT name FROM vms WHERE subscription_id = ?", r -> r.getString(1), sub))
                        .orElseThrow();
                assertEquals(1, ledger.count("SELECT COUNT(*) FROM vms WHERE name = ?", name), where + "the VM exists: " + name);
                long token = ledger.count("SELECT token FROM mints WHERE sub = ?", sub);
                assertEquals(1, ledger.count("SELECT COUNT(*) FROM owners WHERE name = ? AND gecos LIKE ?", name, "%nft=" + token),
                        where + "owner set on " + name);
            }
            assertEquals(0, ledger.count("SELECT COUNT(*) FROM assigns WHERE host = 'CONFLICT'"), where + "a pool VM given twice");
            assertEquals(PoolCrashChild.POOL, (long) db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM vms WHERE name LIKE 'blockhost-9%'")),
                    where + "the pool's VMs served warm");
            assertEquals(PoolCrashChild.POOL, (long) db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM pool_vms WHERE state = 'assigned'")));
            long known = db.read(c -> Sql.count(c, "SELECT (SELECT COUNT(*) FROM vms) + (SELECT COUNT(*) FROM pool_vms"
                    + " WHERE state <> 'assigned')"));
            assertEquals(known, ledger.count("SELECT COUNT(*) FROM vms"), where + "no stray VM on the hypervisor");
        }
    }
}
