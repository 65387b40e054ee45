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

    @Test
    void warmPathStepsOfOnePurchaseFromTheRuntimeLog() {
        String agent = "2026-12-05T20:32:41.291 [blockhost-plugin-call] INFO org.blockhost.rootagent.internal.actions.GuestAssign - ";
        String core = " [blockhost-pipeline-worker] INFO org.blockhost.core.internal.pipeline.StepRecorder - subscription ";
        List<String> log = List.of(
                "2026-12-05T20:32:30.000" + core + "2 stage received done in 999 ms",
                agent + "vm-assign blockhost-900000002 as blockhost-002: 9999 ms (one guest command; in the guest: keygen 9ms)",
                agent + "vm-assign blockhost-900000001 as blockhost-001: 2024 ms (one guest command; in the guest: hostname 120ms"
                        + " pam 300ms keygen 450ms owner 200ms sshd-hup 10ms)",
                "2026-12-05T20:32:41.433" + core + "1 stage received done in 2433 ms",
                "2026-12-05T20:32:41.500" + core + "1 stage vm_created done in 67 ms",
                "2026-12-05T20:32:42.464" + core + "1 stage credentials_encrypted done in 964 ms",
                "2026-12-05T20:32:42.960" + core + "1 stage nft_minted done in 496 ms",
                "2026-12-05T20:32:42.961" + core + "11 stage owner_set done in 7 ms");
        long mined = BenchStats.epochMillis("2026-12-05T20:32:37.000");
        Map<String, Double> steps = BenchStats.warmPath(log, 1, "blockhost-900000001", mined);
        assertEquals(List.of("mined -> pipeline has it (confirmations)", "claim + vm-assign + forward (stage received)",
                "  vm-assign: the one guest command", "    in the guest: hostname", "    in the guest: pam", "    in the guest: keygen",
                "    in the guest: owner", "    in the guest: sshd-hup", "readiness + seal (stage vm_created)",
                "mint sent -> mined (stage credentials_encrypted)", "owner set (stage nft_minted)"), List.copyOf(steps.keySet()));
        assertEquals(2.0, steps.get("mined -> pipeline has it (confirmations)"), 1e-9, "41.433 - 2.433 - 37.000");
        assertEquals(2.024, steps.get("  vm-assign: the one guest command"), 1e-9);
        assertEquals(0.45, steps.get("    in the guest: keygen"), 1e-9);
        assertEquals(0.964, steps.get("mint sent -> mined (stage credentials_encrypted)"), 1e-9);
    }
}
