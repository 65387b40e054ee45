package org.blockhost.provisioner.libvirt.internal.capacity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.blockhost.provisioner.api.Capacity;
import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.libvirt.internal.Settings;
import org.blockhost.provisioner.libvirt.internal.read.DomainReader.Usage;

/**
 * Host capacity with overcommit: vCPUs and memory from libvirt (every defined domain counts, running
 * or not), disk from the VM directory's file system against the virtual sizes of the domains' qcow2 disks.
 */
public final class CapacityPolicy {
    private static final long GIB = 1L << 30;
    private final Settings s;

    public CapacityPolicy(Settings settings) {
        this.s = settings;
    }

    public Capacity capacity(Usage u) throws ProvisionerException {
        int vcpus = (int) Math.floor(u.hostCpus() * s.cpuOvercommit());
        long mem = (long) Math.floor(Math.max(0, u.hostMemoryMib() - s.hostReservedMemoryMib()) * s.memoryOvercommit());
        long disk = (long) Math.floor(diskTotalGib() * s.diskOvercommit());
        return new Capacity(vcpus, u.usedVcpus(), mem, u.usedMemoryMib(), disk, (u.usedDiskBytes() + GIB - 1) / GIB);
    }

    /** Refuses a plan that does not fit, naming every resource that is short. */
    public void requireFits(Capacity c, PlanResources r) throws ProvisionerException {
        if (c.fits(r)) {
            return;
        }
        StringBuilder why = new StringBuilder("host capacity exceeded:");
        if (c.usedVcpus() + r.vcpus() > c.totalVcpus()) {
            why.append(String.format(" vCPUs %d used + %d requested > %d;", c.usedVcpus(), r.vcpus(), c.totalVcpus()));
        }
        if (c.usedMemoryMib() + r.memoryMib() > c.totalMemoryMib()) {
            why.append(String.format(" memory %d MiB used + %d requested > %d;", c.usedMemoryMib(), r.memoryMib(),
                    c.totalMemoryMib()));
        }
        if (c.usedDiskGib() + r.diskGib() > c.totalDiskGib()) {
            why.append(String.format(" disk %d GiB used + %d requested > %d;", c.usedDiskGib(), r.diskGib(),
                    c.totalDiskGib()));
        }
        throw new ProvisionerException(why.substring(0, why.length() - 1), false);
    }

    private long diskTotalGib() throws ProvisionerException {
        try {
            return Files.getFileStore(existing(s.vmDir())).getTotalSpace() / GIB;
        } catch (IOException e) {
            throw new ProvisionerException("cannot read the size of " + s.vmDir() + "'s file system", true, e);
        }
    }

    private static Path existing(Path p) {
        Path q = p;
        while (q != null && !Files.exists(q)) {
            q = q.getParent();
        }
        return q == null ? Path.of("/") : q;
    }
}
