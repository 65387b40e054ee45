package org.blockhost.core.internal.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
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
 * Kills the runtime (a child JVM running core's pipeline over SQLite with ledger-backed test
 * plugins) with SIGKILL at stage boundaries and in the middle of stages, restarts it, and checks
 * exactly-once outcomes. The first kill of run i targets kill point i mod 9, so every point is hit;
 * further kills are random (seeded).
 */
class CrashTest {
    static final List<String> POINTS = List.of("MID received", "BOUNDARY vm_created", "MID vm_created",
            "BOUNDARY credentials_encrypted", "MID credentials_encrypted", "BOUNDARY nft_minted", "MID nft_minted",
            "BOUNDARY owner_set", "BOUNDARY active");
    private static final int SUBSCRIPTIONS = 5;

    @TempDir
    Path dir;

    @Test
    @Tag("crash")
    void twentyRandomizedRuns() throws Exception {
        runs(20, 42);
    }

    /** A quick variant in the default test run. */
    @Test
    void fiveRuns() throws Exception {
        runs(5, 7);
    }

    private void runs(int count, long seed) throws Exception {
        Map<String, Integer> hits = new TreeMap<>();
        List<String> rows = new ArrayList<>();
        for (int run = 0; run < count; run++) {
            Random rnd = new Random(seed + run);
            Path runDir = dir.resolve("run" + run);
            List<String> killedAt = new ArrayList<>();
            int kills = 1 + rnd.nextInt(3);
            for (int k = 0; k < kills; k++) {
                String point = k == 0 ? POINTS.get(run % POINTS.size()) : POINTS.get(rnd.nextInt(POINTS.size()));
                int occurrence = 1 + rnd.nextInt(SUBSCRIPTIONS);
                ChildRun.Result r = ChildRun.start(runDir, SUBSCRIPTIONS).until(point, occurrence);
                if (r.killed()) {
                    killedAt.add(r.killedAt());
                    hits.merge(point, 1, Integer::sum);
                }
            }
            ChildRun.Result last = ChildRun.start(runDir, SUBSCRIPTIONS).until(null, 0);
            assertTrue(last.finished(), "run " + run + " did not finish: " + last);
            rows.add(verify(run, runDir, killedAt, last.elapsed()));
        }
        print(rows, hits);
        for (String point : POINTS.subList(0, Math.min(count, POINTS.size()))) {
            assertTrue(hits.containsKey(point), "kill point never hit: " + point);
        }
    }

    private static String verify(int run, Path runDir, List<String> killedAt, Duration last) throws Exception {
        try (Database db = Database.open(runDir.resolve("state/blockhost.db"));
                Ledger ledger = new Ledger(runDir.resolve("ledger.db"))) {
            long active = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM pipeline WHERE stage = 'active'"));
            assertEquals(SUBSCRIPTIONS, active, "every subscription active (nothing lost)");
            for (int s = 1; s <= SUBSCRIPTIONS; s++) {
                String subject = "subscription " + s;
                String name = org.blockhost.provisioner.api.VmSpec.nameFor(s);
                assertEquals(1, (long) db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM audit_log WHERE subject = ?"
                        + " AND action = 'active'", subject)), "reached active exactly once: " + subject);
                assertEquals(1, ledger.count("SELECT COUNT(*) FROM vms WHERE name = ?", name), "one VM for " + name);
                assertEquals(1, ledger.count("SELECT COUNT(*) FROM mints WHERE sub = ?", s), "one effective mint for " + s);
                long token = ledger.count("SELECT token FROM mints WHERE sub = ?", s);
                assertEquals(token, (long) db.read(c -> Sql.count(c, "SELECT token_id FROM vms WHERE name = ?", name)));
                assertEquals(1, ledger.count("SELECT COUNT(*) FROM owners WHERE name = ? AND gecos LIKE ?", name, "%nft=" + token));
            }
            assertEquals(SUBSCRIPTIONS, ledger.count("SELECT COUNT(*) FROM vms"), "no stray VMs");
            long creates = ledger.count("SELECT SUM(create_calls) FROM vms");
            long mints = ledger.count("SELECT SUM(calls) FROM mints");
            return String.format("%3d  %-62s %5d  %5d  %7d  %6d ms", run, String.join(", ", killedAt), creates, mints,
                    active, last.toMillis());
        }
    }

    private static void print(List<String> rows, Map<String, Integer> hits) {
        StringBuilder out = new StringBuilder("\nCRASH TEST SUMMARY (" + SUBSCRIPTIONS + " subscriptions per run)\n");
        out.append(String.format("%3s  %-62s %5s  %5s  %7s  %9s%n", "RUN", "KILLED AT (SIGKILL)", "CREATE", "MINT",
                "ACTIVE", "LAST RUN"));
        out.append(String.format("%3s  %-62s %5s  %5s  %7s%n", "", "", "calls", "calls", "(=1 each)"));
        rows.forEach(r -> out.append(r).append('\n'));
        out.append("kills per point: ").append(hits).append('\n');
        out.append("every run: each subscription active exactly once, one VM, one effective mint, owner set\n");
        System.out.println(out);
    }
}
