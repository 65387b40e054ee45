package org.blockhost.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;

import org.blockhost.provisioner.api.VmMetrics;
import org.junit.jupiter.api.Test;

/** CPU percentages from cumulative counters between two readings; unknowns stay unknown. */
class VmUsageTest {
    private static VmMetrics cpu(long nanos, long memory) {
        return new VmMetrics(nanos, memory, 0, 0, 0, 0);
    }

    @Test
    void cpuIsTheCounterDeltaOverTheWallTimeDelta() {
        VmUsage usage = new VmUsage();
        assertNull(usage.of("a", cpu(1_000_000_000L, 512L << 20), 0).get("cpuPercent"), "no previous reading");
        var second = usage.of("a", cpu(1_500_000_000L, 512L << 20), 2_000_000_000L);
        assertEquals(25.0, second.get("cpuPercent"));
        assertEquals(512L, second.get("memoryMib"));
        assertNull(usage.of("a", cpu(10, 1), 3_000_000_000L).get("cpuPercent"), "counter went backwards (restart)");
    }

    @Test
    void unavailableCountersAreNull() {
        VmUsage usage = new VmUsage();
        var m = usage.of("b", new VmMetrics(-1, -1, -1, -1, -1, -1), 5);
        assertNull(m.get("cpuPercent"));
        assertNull(m.get("memoryMib"));
        usage.of("c", cpu(1, 1), 1);
        usage.retain(Set.of());
        assertNull(usage.of("c", cpu(2, 1), 2).get("cpuPercent"), "forgotten after retain");
    }
}
