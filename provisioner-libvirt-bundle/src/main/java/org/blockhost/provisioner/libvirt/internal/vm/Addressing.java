package org.blockhost.provisioner.libvirt.internal.vm;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.blockhost.provisioner.api.NetworkAllocation;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.libvirt.internal.Settings;
import org.blockhost.provisioner.libvirt.internal.net.Ipv4Pool;
import org.blockhost.provisioner.libvirt.internal.read.DomainFacts;
import org.blockhost.provisioner.libvirt.internal.read.DomainReader.Snapshot;

/**
 * How a VM is reached. A loopback SSH forward (dev, tests) wins; otherwise the pool address encoded
 * in the NIC's MAC; otherwise the address is not known to the provisioner (DHCP) and is empty.
 */
public final class Addressing {
    public static final String LOOPBACK = "127.0.0.1";
    private final Settings s;

    public Addressing(Settings settings) {
        this.s = settings;
    }

    /** The NIC settings of a new VM: the MAC (if any) and the address it stands for. */
    /** {@code poolIpv4}: the guest's static address when it comes from the configured pool. */
    public record Plan(Optional<String> mac, String address, int sshPort, Optional<Integer> loopbackPort,
            Optional<String> poolIpv4) {
    }

    /**
     * {@code pool}: a warm-pool VM (no owner yet); in port-forward mode it may come without a public
     * port (SSH port 0: nothing forwarded, unreachable from outside until {@link PoolAssign}).
     */
    public Plan plan(String name, NetworkAllocation given, List<Snapshot> existing, boolean pool)
            throws ProvisionerException {
        Optional<Integer> fwd = loopbackPort(name);
        Optional<String> ip = given.ipv4().isPresent() ? given.ipv4() : allocate(existing);
        Optional<String> mac = given.mac().isPresent() ? given.mac() : ip.map(Ipv4Pool::macFor);
        Optional<String> inPool = ip.filter(a -> s.pool().map(p -> p.contains(a)).orElse(false));
        if (fwd.isPresent()) {
            return new Plan(mac, LOOPBACK, fwd.get(), fwd, inPool);
        }
        if (s.portForward() && pool && given.publicPort().isEmpty()) {
            return new Plan(mac, "", 0, Optional.empty(), inPool);
        }
        if (s.portForward()) {
            // the NFT gets core's public host (empty address) and the public port core allocated
            int port = given.publicPort().orElseThrow(() -> new ProvisionerException(
                    "port-forward mode: core gave " + name + " no public port", false));
            return new Plan(mac, "", port, Optional.empty(), inPool);
        }
        return new Plan(mac, ip.orElse(""), 22, Optional.empty(), inPool);
    }

    /** What the hypervisor says, with the VM's IPv6 /128 (empty without a prefix). */
    public VmInfo describe(Snapshot snap) {
        VmInfo v = describeIpv4(snap);
        return new VmInfo(v.name(), v.status(), v.address(), v.sshPort(), GuestNetwork.ipv6(s, snap.name()).orElse(""));
    }

    private VmInfo describeIpv4(Snapshot snap) {
        DomainFacts f = snap.facts();
        if (f.loopbackSshPort().isPresent()) {
            return new VmInfo(snap.name(), snap.status(), LOOPBACK, f.loopbackSshPort().getAsInt());
        }
        Optional<Integer> derived = derivedPort(snap.name());
        if (derived.isPresent()) {
            // a driver that drops <qemu:commandline> (the test driver): the port follows from the name
            return new VmInfo(snap.name(), snap.status(), LOOPBACK, derived.get());
        }
        String address = s.pool().flatMap(p -> f.nics().stream().map(n -> p.addressOfMac(n.mac()))
                .flatMap(Optional::stream).findFirst()).orElse("");
        return new VmInfo(snap.name(), snap.status(), address, 22);
    }

    private Optional<String> allocate(List<Snapshot> existing) throws ProvisionerException {
        if (s.pool().isEmpty() || !s.hasNic()) {
            return Optional.empty();
        }
        Ipv4Pool pool = s.pool().get();
        Set<String> used = new HashSet<>();
        for (Snapshot snap : existing) {
            snap.facts().nics().forEach(n -> pool.addressOfMac(n.mac()).ifPresent(used::add));
        }
        Optional<String> a = pool.allocate(used);
        if (a.isEmpty()) {
            throw new ProvisionerException("IPv4 pool " + pool + " is exhausted", false);
        }
        return a;
    }

    private Optional<Integer> loopbackPort(String name) throws ProvisionerException {
        if (s.loopbackSshPortBase() == 0) {
            return Optional.empty();
        }
        return Optional.of(derivedPort(name).orElseThrow(
                () -> new ProvisionerException("loopback SSH port for " + name + " out of range", false)));
    }

    /** {@code loopbackSshPortBase + (VM number mod 1000)}, when forwards are configured and in range. */
    private Optional<Integer> derivedPort(String name) {
        if (s.loopbackSshPortBase() == 0) {
            return Optional.empty();
        }
        long port = s.loopbackSshPortBase() + Long.parseLong(name.substring(name.indexOf('-') + 1)) % 1000;
        return port >= 1024 && port <= 65535 ? Optional.of((int) port) : Optional.empty();
    }
}
