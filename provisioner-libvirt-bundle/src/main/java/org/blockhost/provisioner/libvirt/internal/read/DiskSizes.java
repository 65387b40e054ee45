package org.blockhost.provisioner.libvirt.internal.read;

import java.nio.file.Path;
import java.util.OptionalLong;

import org.blockhost.provisioner.libvirt.internal.capacity.Qcow2;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** The virtual size of a domain's qcow2 disks: from the file header, else from libvirt. */
final class DiskSizes {
    private DiskSizes() {
    }

    static long virtualBytes(Domain d) {
        long total = 0;
        try {
            for (DomainFacts.Disk disk : DomainFacts.parse(d.getXMLDesc(0)).disks()) {
                if (disk.file().endsWith(".qcow2")) {
                    total += size(d, disk.file());
                }
            }
        } catch (LibvirtException | IllegalArgumentException e) {
            return total;
        }
        return total;
    }

    private static long size(Domain d, String file) {
        OptionalLong header = Qcow2.virtualSize(Path.of(file));
        if (header.isPresent()) {
            return header.getAsLong();
        }
        try {
            return d.blockInfo(file).getCapacity();
        } catch (LibvirtException e) {
            return 0; // unreadable here and unknown to the driver
        }
    }
}
