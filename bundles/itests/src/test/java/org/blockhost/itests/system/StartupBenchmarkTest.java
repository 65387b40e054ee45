package org.blockhost.itests.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the runtime as the launcher starts it: cold start to {@code /health} 200 (5 runs,
 * each with a fresh home), RSS after start, hot deploy (rename to servlet 200) and undeploy
 * (delete to 404), 5 times each. Baseline in the same run: starting a JVM that runs a trivial main
 * from the same jar through the same launcher path ({@code blockhost} with no runtime), so the
 * start time is also reported as a ratio to bare JVM start-up. Run with
 * {@code mvn -B -pl bundles/itests -am verify -Dgroups=bench -Ditests.excludedGroups=}.
 */
@Tag("bench")
class StartupBenchmarkTest {
    private static final int RUNS = 5;

    @TempDir
    Path tmp;

    @Test
    void startRssAndHotDeploy() throws Exception {
        List<Long> baseline = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            RuntimeProcess.CliResult r = RuntimeProcess.CliResult.run(List.of("bash",
                    RuntimeProcess.ROOT.resolve("blockhost").toString(), "status", "--home", tmp.resolve("none").toString()));
            baseline.add((System.nanoTime() - t0) / 1_000_000);
            if (r.exit() != 2) {
                throw new AssertionError("baseline command should exit 2: " + r.output());
            }
        }
        List<Long> starts = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            try (RuntimeProcess rt = RuntimeProcess.start(tmp.resolve("cold-" + i))) {
                starts.add(rt.startMillis);
                Thread.sleep(1000);
                rss.add(rt.rssMiB());
            }
        }
        List<Long> deploys = new ArrayList<>();
        List<Long> undeploys = new ArrayList<>();
        try (RuntimeProcess rt = RuntimeProcess.start(tmp.resolve("hot"))) {
            rt.signInToSetup();
            for (int i = 0; i < RUNS; i++) {
                long t0 = System.nanoTime();
                Path jar = rt.deploy("engine");
                rt.awaitPage("/setup/test-engine", 200, Duration.ofSeconds(30));
                deploys.add((System.nanoTime() - t0) / 1_000_000);
                long t1 = System.nanoTime();
                Files.delete(jar);
                rt.awaitPage("/setup/test-engine", 404, Duration.ofSeconds(30));
                undeploys.add((System.nanoTime() - t1) / 1_000_000);
            }
        }
        long base = median(baseline);
        long start = median(starts);
        System.out.printf("bench: JVM baseline (launcher + trivial main) median %d ms %s%n", base, baseline);
        System.out.printf("bench: cold start to /health 200 median %d ms %s = %.1fx baseline%n", start, starts,
                (double) start / base);
        System.out.printf("bench: RSS after start median %d MiB %s%n", median(rss), rss);
        System.out.printf("bench: hot deploy median %d ms %s; undeploy median %d ms %s%n", median(deploys), deploys,
                median(undeploys), undeploys);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
