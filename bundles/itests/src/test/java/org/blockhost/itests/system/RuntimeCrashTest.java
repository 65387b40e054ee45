package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-runtime crash test: the exported runtime ({@code app.jar} through the launcher) with the
 * scripted engine and provisioner plugin is SIGKILLed at kill points around every plugin effect,
 * restarted, and must end with each subscription active exactly once, one VM and one effective
 * mint per subscription, nothing lost. {@code *.before} points are stage boundaries (the previous
 * stage is committed, the next effect not done); {@code *.after} points are mid-stage (the effect
 * is done, its stage not committed: the plugin pauses there while {@code pause} exists). The first
 * kill of run i targets point i mod 6, so every point is hit; further kills are random (seeded).
 * Core's own crash test ({@code bundles/core}, no OSGi) is the in-process counterpart.
 */
class RuntimeCrashTest {
    static final List<String> POINTS = List.of("create.before", "create.after", "mint.before", "mint.after",
            "setowner.before", "setowner.after");
    private static final long SEED = 20261122L;

    @TempDir
    Path dir;

    @Test
    @Tag("crash")
    void twentyRandomizedRunsAgainstTheExportedRuntime() throws Exception {
        runs(Integer.getInteger("crash.runs", 20), Long.getLong("crash.seed", SEED));
    }

    private void runs(int count, long seed) throws Exception {
        Map<String, Integer> hits = new TreeMap<>();
        List<String> rows = new ArrayList<>();
        AssertionError failure = null;
        int configRestarts = 0;
        for (int run = 0; run < count && failure == null; run++) {
            long runSeed = seed + run;
            Random rnd = new Random(runSeed);
            Path home = dir.resolve("run" + run);
            CrashRuntime.prepare(home);
            List<String> killedAt = new ArrayList<>();
            int planned = 1 + rnd.nextInt(2);
            CrashRuntime runtime = null;
            String result = "ok";
            CrashOutcome outcome = null;
            try {
                for (int k = 0; k < planned; k++) {
                    String point = k == 0 ? POINTS.get(run % POINTS.size()) : POINTS.get(rnd.nextInt(POINTS.size()));
                    runtime = CrashRuntime.start(home);
                    if (k == 0) {
                        CrashRuntime[] life = {runtime};
                        configRestarts += CrashRuntime.awaitPlansThenPurchase(life);
                        runtime = life[0];
                    }
                    String hit = runtime.killAt(point, 60_000);
                    if (hit == null) {
                        break;
                    }
                    killedAt.add(hit.replace(' ', '#'));
                    hits.merge(point, 1, Integer::sum);
                    runtime = null;
                }
                Files.deleteIfExists(home.resolve("state/scripted/pause"));
                if (runtime == null) {
                    runtime = CrashRuntime.start(home);
                }
                assertEquals(runtime.process.pid(), runtime.announcedPid(),
                        "the launcher execs java: the process killed is the runtime's JVM");
                String json = awaitAllActive(runtime);
                runtime.stop();
                outcome = CrashOutcome.read(home, json);
                outcome.verify(home);
            } catch (AssertionError e) {
                failure = e;
                result = "FAILED: " + e.getMessage();
            } finally {
                if (runtime != null) {
                    runtime.stop();
                }
                if (failure != null) {
                    keep(home, run);
                }
            }
            long creates = outcome == null ? -1 : outcome.count("call create ");
            long mints = outcome == null ? -1 : outcome.count("call mint ");
            rows.add(String.format("%3d  %9d  %5d  %-44s %6d  %5d  %s", run, runSeed, killedAt.size(),
                    String.join(", ", killedAt), creates, mints, result));
        }
        print(rows, hits, configRestarts);
        if (failure != null) {
            throw failure;
        }
        for (String point : POINTS.subList(0, Math.min(count, POINTS.size()))) {
            assertTrue(hits.containsKey(point), "kill point never hit: " + point);
        }
    }

    /** Keeps a failed run's log, markers and ledger in {@code target/crash-failures/runN}. */
    private static void keep(Path home, int run) throws java.io.IOException {
        Path to = Files.createDirectories(Path.of("target/crash-failures/run" + run));
        for (String f : List.of("runtime.log", "state/scripted/markers", "state/scripted/ledger")) {
            if (Files.exists(home.resolve(f))) {
                Files.copy(home.resolve(f), to.resolve(Path.of(f).getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (var configs = Files.walk(home.resolve("state"))) {
            for (Path c : configs.filter(c -> c.getFileName().toString().endsWith(".config")).toList()) {
                Files.copy(c, to.resolve(c.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Polls {@code blockhost vm list --json} (the CLI through the runtime) until every VM is active with a token. */
    private static String awaitAllActive(CrashRuntime runtime) throws Exception {
        long end = System.currentTimeMillis() + 90_000;
        String last = "";
        while (System.currentTimeMillis() < end) {
            RuntimeProcess.CliResult r = runtime.cli("vm", "list", "--json");
            last = r.output();
            if (r.exit() == 0 && CrashOutcome.activeTokens(last).size() >= CrashRuntime.SUBSCRIPTIONS) {
                return last;
            }
            Thread.sleep(300);
        }
        String pipeline = runtime.cli("pipeline", "--json").output();
        throw new AssertionError("not every subscription became active within 90 s: " + last + "; pipeline: " + pipeline);
    }

    private static void print(List<String> rows, Map<String, Integer> hits, int configRestarts) {
        StringBuilder out = new StringBuilder("\nRUNTIME CRASH TEST (exported app.jar through the launcher, "
                + CrashRuntime.SUBSCRIPTIONS + " subscriptions per run, SIGKILL)\n");
        out.append(String.format("%3s  %9s  %5s  %-44s %6s  %5s  %s%n", "RUN", "SEED", "KILLS", "KILL POINTS HIT (point#sub)",
                "CREATE", "MINT", "RESULT"));
        out.append(String.format("%3s  %9s  %5s  %-44s %6s  %5s%n", "", "", "", "", "calls", "calls"));
        rows.forEach(r -> out.append(r).append('\n'));
        out.append("kills per point: ").append(hits).append('\n');
        out.append("etc/ plans config rewritten because it reached Config Admin without plans (platform issue): ").append(configRestarts)
                .append('\n');
        out.append("ok = each subscription active exactly once (audit log), one VM, one effective mint, owner bound"
                + " to the minted token, nothing lost or parked\n");
        System.out.println(out);
    }
}
