package org.blockhost.provisioner.api;

/** Cumulative counters of a VM as reported by the hypervisor; {@code -1} where unavailable. */
public record VmMetrics(long cpuTimeNanos, long memoryUsedBytes, long diskReadBytes, long diskWriteBytes,
        long netRxBytes, long netTxBytes) {
}
