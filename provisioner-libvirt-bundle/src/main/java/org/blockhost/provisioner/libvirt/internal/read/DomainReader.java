package org.blockhost.provisioner.libvirt.internal.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmMetrics;
import org.blockhost.provisioner.api.VmStatus;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;

/** Every read of the provisioner: state, BlockHost domains, counters, host size and usage. */
public final class DomainReader {
    public static final Pattern VM_NAME = Pattern.compile("blockhost-[0-9]{3,9}");
    private final ReadOnlyLibvirt libvirt;

    public DomainReader(ReadOnlyLibvirt libvirt) {
        this.libvirt = libvirt;
    }

    /** A domain as the provisioner sees it. */
    public record Snapshot(String name, VmStatus status, int vcpus, long memoryMib, DomainFacts facts) {
    }

    /** Host size and what all defined domains (running or not) reserve of it. */
    public record Usage(int hostCpus, long hostMemoryMib, int usedVcpus, long usedMemoryMib, long usedDiskBytes) {
    }

    public VmStatus status(String name) throws ProvisionerException {
        try {
            return libvirt.read(c -> {
                Optional<Domain> d = lookup(c, name);
                return d.isPresent() ? statusOf(d.get(), info(d.get())) : VmStatus.DESTROYED;
            });
        } catch (LibvirtException e) {
            return VmStatus.UNKNOWN;
        }
    }

    public Optional<Snapshot> snapshot(String name) throws ProvisionerException {
        try {
            return libvirt.read(c -> {
                Optional<Domain> d = lookup(c, name);
                return d.isPresent() ? Optional.of(snapshotOf(name, d.get())) : Optional.<Snapshot>empty();
            });
        } catch (LibvirtException | IllegalArgumentException e) {
            throw unavailable("read domain " + name, e);
        }
    }

    public List<Snapshot> list() throws ProvisionerException {
        try {
            return libvirt.read(c -> {
                List<Snapshot> out = new ArrayList<>();
                for (String n : names(c)) {
                    if (VM_NAME.matcher(n).matches()) {
                        lookup(c, n).ifPresent(d -> out.add(snapshotOrNull(n, d)));
                    }
                }
                out.removeIf(s -> s == null);
                return out;
            });
        } catch (LibvirtException e) {
            throw unavailable("list domains", e);
        }
    }

    public VmMetrics metrics(String name) throws ProvisionerException {
        try {
            return libvirt.read(c -> {
                Domain d = lookup(c, name).orElseThrow(() -> new MissingDomain(name));
                return Counters.of(d, DomainFacts.parse(d.getXMLDesc(0)));
            });
        } catch (MissingDomain e) {
            throw new ProvisionerException("no VM " + name, false);
        } catch (LibvirtException | IllegalArgumentException e) {
            throw unavailable("metrics of " + name, e);
        }
    }

    public Usage usage() throws ProvisionerException {
        try {
            return libvirt.read(c -> {
                NodeInfo n = c.nodeInfo();
                int vcpus = 0;
                long mem = 0;
                long disk = 0;
                for (String name : names(c)) {
                    Optional<Domain> d = lookup(c, name);
                    if (d.isPresent()) {
                        DomainInfo i = info(d.get());
                        vcpus += i.nrVirtCpu;
                        mem += i.maxMem / 1024;
                        disk += DiskSizes.virtualBytes(d.get());
                    }
                }
                return new Usage(n.cpus, n.memory / 1024, vcpus, mem, disk);
            });
        } catch (LibvirtException e) {
            throw unavailable("host usage", e);
        }
    }

    /** Running, paused, saved (managed save: {@code SUSPENDED}) or shut off, as libvirt reports it. */
    static VmStatus statusOf(Domain d, DomainInfo i) throws LibvirtException {
        return switch (i.state) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED, VIR_DOMAIN_SHUTDOWN -> VmStatus.ACTIVE;
            case VIR_DOMAIN_PAUSED, VIR_DOMAIN_PMSUSPENDED -> VmStatus.PAUSED;
            case VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_CRASHED -> d.hasManagedSaveImage() == 1 ? VmStatus.SUSPENDED : VmStatus.SHUT_OFF;
            default -> VmStatus.UNKNOWN;
        };
    }

    private static Snapshot snapshotOf(String name, Domain d) throws LibvirtException {
        DomainInfo i = info(d);
        return new Snapshot(name, statusOf(d, i), i.nrVirtCpu, i.maxMem / 1024, DomainFacts.parse(d.getXMLDesc(0)));
    }

    private static Snapshot snapshotOrNull(String name, Domain d) {
        try {
            return snapshotOf(name, d);
        } catch (LibvirtException | IllegalArgumentException e) {
            return null; // went away while listing
        }
    }

    private static DomainInfo info(Domain d) throws LibvirtException {
        return d.getInfo();
    }

    private static List<String> names(Connect c) throws LibvirtException {
        List<String> out = new ArrayList<>();
        for (int id : c.listDomains()) {
            try {
                out.add(c.domainLookupByID(id).getName());
            } catch (LibvirtException e) {
                // stopped meanwhile; it shows up among the defined ones
            }
        }
        for (String n : c.listDefinedDomains()) {
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    static Optional<Domain> lookup(Connect c, String name) throws LibvirtException {
        try {
            return Optional.of(c.domainLookupByName(name));
        } catch (LibvirtException e) {
            if (e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static ProvisionerException unavailable(String what, Exception e) {
        return new ProvisionerException("libvirt: cannot " + what + ": " + e.getMessage(), true, e);
    }

    private static final class MissingDomain extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingDomain(String name) {
            super(name, null, false, false);
        }
    }
}
