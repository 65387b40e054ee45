package org.blockhost.provisioner.libvirt.internal.read;

import org.blockhost.provisioner.api.VmMetrics;
import org.libvirt.Domain;
import org.libvirt.DomainBlockStats;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInterfaceStats;
import org.libvirt.LibvirtException;

/** CPU, memory, disk and network counters of one domain; a counter libvirt cannot give is -1. */
final class Counters {
    private Counters() {
    }

    static VmMetrics of(Domain d, DomainFacts facts) throws LibvirtException {
        DomainInfo i = d.getInfo();
        long rd = -1;
        long wr = -1;
        for (DomainFacts.Disk disk : facts.disks()) {
            DomainBlockStats s = blockStats(d, disk.target());
            if (s != null) {
                rd = Math.max(rd, 0) + s.rd_bytes;
                wr = Math.max(wr, 0) + s.wr_bytes;
            }
        }
        long rx = -1;
        long tx = -1;
        for (DomainFacts.Nic nic : facts.nics()) {
            DomainInterfaceStats s = ifStats(d, nic.device());
            if (s != null) {
                rx = Math.max(rx, 0) + s.rx_bytes;
                tx = Math.max(tx, 0) + s.tx_bytes;
            }
        }
        return new VmMetrics(i.cpuTime, i.memory * 1024, rd, wr, rx, tx);
    }

    private static DomainBlockStats blockStats(Domain d, String target) {
        if (target.isEmpty()) {
            return null;
        }
        try {
            return d.blockStats(target);
        } catch (LibvirtException e) {
            return null; // inactive domain, or a driver without block statistics
        }
    }

    private static DomainInterfaceStats ifStats(Domain d, String device) {
        if (device.isEmpty()) {
            return null;
        }
        try {
            return d.interfaceStats(device);
        } catch (LibvirtException e) {
            return null;
        }
    }
}
