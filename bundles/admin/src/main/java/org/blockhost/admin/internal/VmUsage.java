package org.blockhost.admin.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.blockhost.provisioner.api.VmMetrics;

/**
 * Resource use of a VM for the VMs table from the provisioner's cumulative counters: CPU as a
 * percentage of one vCPU over the time since the previous reading of the same VM (null on the first
 * reading or when the counter is unavailable or went backwards, as after a restart), memory in MiB.
 */
final class VmUsage {
    private record Reading(long cpuNanos, long atNanos) {
    }

    private final Map<String, Reading> previous = new ConcurrentHashMap<>();

    /** {@code {cpuPercent, memoryMib}} from {@code metrics} read at {@code nowNanos} (System.nanoTime). */
    Map<String, Object> of(String name, VmMetrics metrics, long nowNanos) {
        Map<String, Object> out = new LinkedHashMap<>();
        Double cpu = null;
        if (metrics.cpuTimeNanos() >= 0) {
            Reading last = previous.put(name, new Reading(metrics.cpuTimeNanos(), nowNanos));
            if (last != null && nowNanos > last.atNanos() && metrics.cpuTimeNanos() >= last.cpuNanos()) {
                double pct = 100.0 * (metrics.cpuTimeNanos() - last.cpuNanos()) / (nowNanos - last.atNanos());
                cpu = Math.round(pct * 10) / 10.0;
            }
        } else {
            previous.remove(name);
        }
        out.put("cpuPercent", cpu);
        out.put("memoryMib", metrics.memoryUsedBytes() >= 0 ? metrics.memoryUsedBytes() / (1024 * 1024) : null);
        return out;
    }

    /** Forgets VMs that are no longer listed. */
    void retain(java.util.Set<String> names) {
        previous.keySet().retainAll(names);
    }
}
