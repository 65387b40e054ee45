package org.blockhost.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The benchmark's percentiles and its reading of the libvirt provisioner's cold-path log lines (no stack). */
class BenchStatsTest {
    @Test
    void nearestRankPercentiles() {
        List<Double> five = List.of(30.0, 10.0, 50.0, 20.0, 40.0);
        assertEquals(30.0, BenchStats.percentile(five, 50));
        assertEquals(50.0, BenchStats.percentile(five, 95), "with 5 samples p95 is the largest");
        assertEquals(10.0, BenchStats.percentile(List.of(10.0), 95));
        assertTrue(Double.isNaN(BenchStats.percentile(List.of(), 50)));
    }

    @Test
    void coldPathLinesOfTheChosenVmsOnly() {
        List<String> log = List.of(
                "12:00:01.100 INFO  o.b.p.l.i.vm.ColdPath - cold path blockhost-001: checks 0.010 s, overlay 0.050 s, seed 0.200 s,"
                        + " define 0.400 s, start 0.900 s",
                "12:00:01.200 INFO  o.b.p.l.i.vm.ColdPath - cold path blockhost-900000001: checks 9.000 s, start 9.000 s",
                "12:00:31.000 INFO  o.b.p.l.i.vm.ColdPath - cold path blockhost-001: guest agent answered 30.000 s after start",
                "12:01:31.000 INFO  o.b.p.l.i.vm.ColdPath - cold path blockhost-001: first boot finished 90.500 s after start",
                "12:02:00.000 INFO  o.b.p.l.i.vm.ColdPath - cold path blockhost-003: checks 0.030 s, overlay 0.070 s, seed 0.400 s,"
                        + " define 0.600 s, start 1.100 s",
                "12:02:00.000 INFO  o.b.c.i.p.StageWork - unrelated 5.000 s");
        Map<String, List<Double>> steps = BenchStats.coldPath(log, Set.of("blockhost-001", "blockhost-003"));
        assertEquals(List.of("checks", "overlay", "seed", "define", "start", "guest agent answered (from start)",
                "first boot finished (from start)"), List.copyOf(steps.keySet()));
        assertEquals(List.of(0.010, 0.030), steps.get("checks"));
        assertEquals(List.of(0.9, 1.1), steps.get("start"));
        assertEquals(List.of(90.5), steps.get("first boot finished (from start)"));
        assertEquals("0.90 / 1.10 s (n=2)", BenchStats.p50p95(steps.get("start")));
    }
}
