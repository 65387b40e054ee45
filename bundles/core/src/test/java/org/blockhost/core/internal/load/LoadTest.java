package org.blockhost.core.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.blockhost.core.internal.pipeline.Stage;
import org.blockhost.core.internal.testing.FakeEngine;
import org.blockhost.core.internal.testing.FakeProvisioner;
import org.blockhost.core.internal.testing.FakeSealer;
import org.blockhost.core.internal.testing.Harness;
import org.blockhost.engine.api.ChainEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 subscriptions committed in one batch; the test-double provisioner answers every call
 * (create, set-owner) after a fixed 50 ms. Measures throughput and end-to-end p99 (commit to
 * active) at concurrency 1 and at the default 4, on the real SQLite store (WAL, synchronous=FULL).
 */
@Tag("load")
class LoadTest {
    private static final int SUBSCRIPTIONS = 1000;

    @TempDir
    Path dir;

    record Measure(int concurrency, double seconds, double perSecond, long p50, long p99) {
    }

    @Test
    void concurrencyOneVersusDefault() {
        Measure one = measure(1);
        Measure four = measure(4);
        System.out.printf("%nLOAD TEST: %d subscriptions committed at once, provisioner latency 50 ms per call%n", SUBSCRIPTIONS);
        System.out.printf("%-12s %10s %12s %10s %10s%n", "CONCURRENCY", "TOTAL s", "SUBS/s", "p50 ms", "p99 ms");
        for (Measure m : List.of(one, four)) {
            System.out.printf("%-12d %10.1f %12.2f %10d %10d%n", m.concurrency(), m.seconds(), m.perSecond(), m.p50(), m.p99());
        }
        System.out.printf("throughput ratio (4 / 1): %.2fx; p99 ratio (1 / 4): %.2fx%n%n", four.perSecond() / one.perSecond(),
                (double) one.p99() / four.p99());
        assertTrue(four.perSecond() > one.perSecond() * 2, "concurrency should pay off");
    }

    private Measure measure(int concurrency) {
        FakeProvisioner provisioner = new FakeProvisioner();
        provisioner.latencyMillis = 50;
        ConcurrentLinkedQueue<Long> done = new ConcurrentLinkedQueue<>();
        try (Harness h = new Harness(dir.resolve("c" + concurrency), Duration.ofSeconds(10))) {
            h.bindAll(new FakeEngine(), provisioner, new FakeSealer());
            List<ChainEvent> batch = new ArrayList<>();
            for (int i = 1; i <= SUBSCRIPTIONS; i++) {
                batch.add(Harness.created(i, 1, 10));
            }
            long t0 = System.nanoTime();
            h.commit(batch, 10);
            h.start(Harness.fast(concurrency, 3), (id, from, to) -> {
                if (to == Stage.ACTIVE) {
                    done.add((System.nanoTime() - t0) / 1_000_000);
                }
            });
            Harness.await(Duration.ofMinutes(10), () -> done.size() == SUBSCRIPTIONS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(SUBSCRIPTIONS, h.count("SELECT COUNT(*) FROM pipeline WHERE stage = 'active'"));
            long[] sorted = done.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Measure(concurrency, seconds, SUBSCRIPTIONS / seconds, percentile(sorted, 50), percentile(sorted, 99));
        }
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    static String describe(long[] values) {
        return Arrays.toString(values);
    }
}
