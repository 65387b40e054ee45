package org.blockhost.provisioner.api;

/** The resources of a plan: virtual CPUs, memory in MiB and disk in GiB, all positive. */
public record PlanResources(int vcpus, int memoryMib, int diskGib) {
    public PlanResources {
        if (vcpus < 1 || vcpus > 512) {
            throw new IllegalArgumentException("vcpus out of range 1..512: " + vcpus);
        }
        if (memoryMib < 64 || memoryMib > 4 * 1024 * 1024) {
            throw new IllegalArgumentException("memoryMib out of range 64..4194304: " + memoryMib);
        }
        if (diskGib < 1 || diskGib > 65536) {
            throw new IllegalArgumentException("diskGib out of range 1..65536: " + diskGib);
        }
    }
}
