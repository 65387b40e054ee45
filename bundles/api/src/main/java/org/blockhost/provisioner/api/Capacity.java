package org.blockhost.provisioner.api;

/** Host capacity after overcommit, and what VMs already take. */
public record Capacity(int totalVcpus, int usedVcpus, long totalMemoryMib, long usedMemoryMib,
        long totalDiskGib, long usedDiskGib) {

    /** Whether a VM with these resources still fits. */
    public boolean fits(PlanResources r) {
        return usedVcpus + r.vcpus() <= totalVcpus
                && usedMemoryMib + r.memoryMib() <= totalMemoryMib
                && usedDiskGib + r.diskGib() <= totalDiskGib;
    }
}
