package org.blockhost.provisioner.proxmox.internal.vm;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.api.VmStatus;
import org.blockhost.provisioner.proxmox.internal.Settings;
import org.blockhost.provisioner.proxmox.internal.pve.Params;
import org.blockhost.provisioner.proxmox.internal.pve.PveClient;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;

/**
 * Create, idempotent per name: the VMID comes from the name; an existing guest of that VMID and name
 * is finished (configured and started) or just run; otherwise a node is chosen, the template is
 * linked-cloned into the pool, cloud-init set (user, {@code ipconfig0}, name = host name; no
 * password), CPUs, memory and disk set from the plan, and the VM started.
 */
public final class VmCreator {
    private static final Pattern SIZE = Pattern.compile("(?:^|,)size=([0-9]+)([KMGT]?)(?:,|$)");
    private static final ConcurrentHashMap<String, Object> LOCKS = new ConcurrentHashMap<>();
    private final Settings settings;
    private final PveClient pve;
    private final Guests guests;
    private final VmIds ids;
    private final Power power;

    public VmCreator(Settings settings, PveClient pve, Guests guests, Power power) {
        this.settings = settings;
        this.pve = pve;
        this.guests = guests;
        this.ids = new VmIds(settings.vmidBase());
        this.power = power;
    }

    public VmInfo create(VmSpec spec) throws ProvisionerException {
        int vmid = ids.vmid(spec.name());
        synchronized (LOCKS.computeIfAbsent(spec.name(), k -> new Object())) {
            try {
                Guests.Located at = cloneIfMissing(spec, vmid);
                if (guests.status(at) == VmStatus.SHUT_OFF) {
                    guests.configure(at, cloudInit(spec));
                    grow(at, spec.resources().diskGib());
                }
                power.run(at, spec.name());
                return new VmInfo(spec.name(), VmStatus.ACTIVE, spec.network().ipv4().orElse(""), 22);
            } catch (PveException e) {
                throw Errors.of("create " + spec.name(), e);
            }
        }
    }

    private Guests.Located cloneIfMissing(VmSpec spec, int vmid) throws ProvisionerException, PveException {
        ClusterView v = ClusterView.read(pve);
        Optional<ClusterView.Guest> g = v.guest(vmid);
        if (g.isPresent()) {
            if (!g.get().name().equals(spec.name()) || g.get().template()) {
                throw new ProvisionerException("VMID " + vmid + " is taken by '" + g.get().name() + "', not "
                        + spec.name() + " (change vmidBase)", false);
            }
            return new Guests.Located(vmid, g.get().node());
        }
        String node = new Placement(settings).choose(v, spec.resources(), n -> template(v, spec.template(), n).isPresent());
        ClusterView.Guest t = template(v, spec.template(), node).orElseThrow();
        guests.linkedClone(new Guests.Located(t.vmid(), t.node()), vmid, spec.name(), settings.pool(), node);
        return new Guests.Located(vmid, node);
    }

    /** A template of that name on the node, or, with shared template storage, on another online node. */
    private Optional<ClusterView.Guest> template(ClusterView v, String name, String node) {
        return v.templates(name, node).stream()
                .filter(t -> t.node().equals(node) || settings.sharedTemplate() && online(v, t.node()))
                .findFirst();
    }

    private static boolean online(ClusterView v, String node) {
        return v.nodes().stream().anyMatch(n -> n.name().equals(node) && n.online());
    }

    Params cloudInit(VmSpec spec) throws ProvisionerException {
        Params p = Params.of().add("cores", spec.resources().vcpus()).add("memory", spec.resources().memoryMib())
                .add("ciuser", spec.guestUser()).add("ipconfig0", ipconfig(spec))
                .add("agent", "1").add("net0", "virtio,bridge=" + settings.bridge());
        if (!settings.nameserver().isEmpty()) {
            p.add("nameserver", settings.nameserver());
        }
        return p;
    }

    private String ipconfig(VmSpec spec) throws ProvisionerException {
        StringBuilder sb = new StringBuilder();
        Optional<String> ip = spec.network().ipv4();
        if (ip.isPresent()) {
            if (!Settings.validIpv4(ip.get())) {
                throw new ProvisionerException("not an IPv4 address for " + spec.name(), false);
            }
            sb.append("ip=").append(ip.get()).append('/').append(settings.ipv4PrefixLength());
            settings.ipv4Gateway().ifPresent(gw -> sb.append(",gw=").append(gw));
        } else {
            sb.append("ip=dhcp");
        }
        Optional<String> ip6 = spec.network().ipv6();
        if (ip6.isPresent()) {
            if (!ip6.get().matches("[0-9a-fA-F:]{2,39}")) {
                throw new ProvisionerException("not an IPv6 address for " + spec.name(), false);
            }
            sb.append(",ip6=").append(ip6.get()).append("/128");
        }
        return sb.toString();
    }

    /** Grows the root disk to the plan's size (PVE cannot shrink; a larger disk is left). */
    private void grow(Guests.Located at, int gib) throws PveException {
        Matcher m = SIZE.matcher(guests.config(at).path(settings.disk()).asText(""));
        long have = m.find() ? gibOf(Long.parseLong(m.group(1)), m.group(2)) : 0;
        if (have < gib) {
            guests.resize(at, settings.disk(), gib);
        }
    }

    private static long gibOf(long n, String unit) {
        return switch (unit) {
            case "T" -> n * 1024;
            case "G" -> n;
            case "M" -> n / 1024;
            case "K" -> n / (1024 * 1024);
            default -> n / (1024L * 1024 * 1024);
        };
    }
}
