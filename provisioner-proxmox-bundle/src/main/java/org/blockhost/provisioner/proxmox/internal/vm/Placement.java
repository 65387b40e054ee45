package org.blockhost.provisioner.proxmox.internal.vm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.blockhost.provisioner.api.Capacity;
import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.proxmox.internal.Settings;

/**
 * Capacity and node placement with the libvirt provisioner's semantics, per node: CPUs ×
 * {@code cpuOvercommit}; (memory − {@code nodeReservedMemoryMib}) × {@code memoryOvercommit};
 * the configured storage's size × {@code diskOvercommit}. Used = vCPUs, memory and disk sizes of
 * every VM on the node (running or not, templates excluded). A shared storage is counted once and
 * all VMs use it. Candidates: online nodes (of {@code nodes} when set); the one with the most free
 * memory, then the most free vCPUs, that fits the plan wins.
 */
public final class Placement {
    private final Settings settings;

    public Placement(Settings settings) {
        this.settings = settings;
    }

    /** The node's capacity; {@code node} must be in the view. */
    Capacity of(ClusterView v, ClusterView.Node node) {
        Optional<ClusterView.Storage> st = v.storage(node.name(), settings.storage());
        boolean shared = st.map(ClusterView.Storage::shared).orElse(false);
        int cpus = 0;
        long mem = 0;
        long disk = 0;
        for (ClusterView.Guest g : v.guests()) {
            if (g.template()) {
                continue;
            }
            if (g.node().equals(node.name())) {
                cpus += g.cpus();
                mem += g.memoryMib();
            }
            if (g.node().equals(node.name()) || shared && candidate(v, g.node())) {
                disk += g.diskGib();
            }
        }
        return new Capacity((int) Math.floor(node.cpus() * settings.cpuOvercommit()), cpus,
                (long) (Math.max(0, node.memoryMib() - settings.nodeReservedMemoryMib()) * settings.memoryOvercommit()), mem,
                (long) (st.map(ClusterView.Storage::sizeGib).orElse(0L) * settings.diskOvercommit()), disk);
    }

    /** The sum over every candidate node (a shared storage once). */
    public Capacity total(ClusterView v) {
        int tc = 0;
        int uc = 0;
        long tm = 0;
        long um = 0;
        long td = 0;
        long ud = 0;
        boolean sharedSeen = false;
        for (ClusterView.Node n : candidates(v)) {
            Capacity c = of(v, n);
            boolean shared = v.storage(n.name(), settings.storage()).map(ClusterView.Storage::shared).orElse(false);
            tc += c.totalVcpus();
            uc += c.usedVcpus();
            tm += c.totalMemoryMib();
            um += c.usedMemoryMib();
            if (!shared || !sharedSeen) {
                td += c.totalDiskGib();
                ud += c.usedDiskGib();
            }
            sharedSeen |= shared;
        }
        return new Capacity(tc, uc, tm, um, td, ud);
    }

    /** The node for a new VM: the candidate with a usable template where the plan fits, least loaded first. */
    public String choose(ClusterView v, PlanResources r, Predicate<String> hasTemplate) throws ProvisionerException {
        List<String> why = new ArrayList<>();
        List<ClusterView.Node> fit = new ArrayList<>();
        for (ClusterView.Node n : nodesInScope(v)) {
            Capacity c = of(v, n);
            if (!n.online()) {
                why.add(n.name() + " offline");
            } else if (!hasTemplate.test(n.name())) {
                why.add(n.name() + " has no template");
            } else if (!c.fits(r)) {
                why.add(n.name() + " " + shortOf(c, r));
            } else {
                fit.add(n);
            }
        }
        return fit.stream().min(Comparator.<ClusterView.Node>comparingLong(n -> -free(v, n).usedMemoryMib())
                        .thenComparingInt(n -> -free(v, n).usedVcpus()).thenComparing(ClusterView.Node::name))
                .map(ClusterView.Node::name)
                .orElseThrow(() -> new ProvisionerException("no Proxmox node can take " + r.vcpus() + " vCPUs, "
                        + r.memoryMib() + " MiB, " + r.diskGib() + " GiB: "
                        + (why.isEmpty() ? "no nodes" : String.join("; ", why)), false));
    }

    /** Free memory and vCPUs of a node, carried in a Capacity's "used" fields for the comparator. */
    private Capacity free(ClusterView v, ClusterView.Node n) {
        Capacity c = of(v, n);
        return new Capacity(0, c.totalVcpus() - c.usedVcpus(), 0, c.totalMemoryMib() - c.usedMemoryMib(), 0, 0);
    }

    private static String shortOf(Capacity c, PlanResources r) {
        List<String> s = new ArrayList<>();
        if (c.usedVcpus() + r.vcpus() > c.totalVcpus()) {
            s.add("vCPUs " + c.usedVcpus() + " used + " + r.vcpus() + " > " + c.totalVcpus());
        }
        if (c.usedMemoryMib() + r.memoryMib() > c.totalMemoryMib()) {
            s.add("memory " + c.usedMemoryMib() + " MiB used + " + r.memoryMib() + " > " + c.totalMemoryMib());
        }
        if (c.usedDiskGib() + r.diskGib() > c.totalDiskGib()) {
            s.add("disk " + c.usedDiskGib() + " GiB used + " + r.diskGib() + " > " + c.totalDiskGib());
        }
        return String.join(", ", s);
    }

    private List<ClusterView.Node> nodesInScope(ClusterView v) {
        return v.nodes().stream().filter(n -> settings.nodes().isEmpty() || settings.nodes().contains(n.name()))
                .sorted(Comparator.comparing(ClusterView.Node::name)).toList();
    }

    private List<ClusterView.Node> candidates(ClusterView v) {
        return nodesInScope(v).stream().filter(ClusterView.Node::online).toList();
    }

    private boolean candidate(ClusterView v, String node) {
        return candidates(v).stream().anyMatch(n -> n.name().equals(node));
    }
}
