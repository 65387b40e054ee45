package org.blockhost.rootagent.internal.actions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * vm-isolate / vm-unisolate: tenant isolation in the tenant-network tables {@code bridge <table>_vms}
 * and {@code inet <table>_vms}. Every tenant VM's NIC is the host port {@code bhvm<number>}
 * ({@link #port}, set in the domain XML). Frames from such a port pass only when port, source MAC
 * and source address are a binding made by vm-isolate (plus DHCP discovery, IPv6 link-local and
 * duplicate-address detection): a VM without a binding has no network, a VM cannot spoof another's
 * address. Frames between two VM ports are dropped (no VM reaches another VM on the bridge). Packets
 * from a VM port carry the mark bit {@link #MARK}; on the host's input hook such packets are dropped
 * unless they are replies or DHCP/DNS/ICMP, so VMs cannot reach the host's management ports. Routed
 * traffic (to the outside, and forwarded public ports) is not touched. Bindings are recorded in
 * {@code <state-dir>/isolation} and put back when the daemon starts.
 */
public final class TenantIsolation {
    private static final Logger LOG = LoggerFactory.getLogger(TenantIsolation.class);
    /** The packet-mark bit for "from a tenant VM" (the management firewall owns 0x40000000). */
    static final String MARK = "0x20000000";
    static final String PORTS = "bhvm*";
    static final String FILE = "isolation";

    private TenantIsolation() {
    }

    /** The host-side NIC name of a tenant VM: {@code blockhost-042} → {@code bhvm042} (at most 13 characters). */
    public static String port(String vmName) {
        return "bhvm" + vmName.substring(vmName.lastIndexOf('-') + 1);
    }

    static String tableDefinition(String t) {
        String pre = "add rule bridge " + t + " prerouting ";
        String mark = " meta mark set meta mark | " + MARK + " accept\n";
        String in = "add rule inet " + t + " input ";
        return "table bridge " + t + " {\n"
                + "  set guests4 { type ifname . ether_addr . ipv4_addr; }\n"
                + "  set guests6 { type ifname . ether_addr . ipv6_addr; }\n"
                + "  set macs { type ifname . ether_addr; }\n"
                + "  chain prerouting { type filter hook prerouting priority -200; policy accept; }\n"
                + "  chain forward { type filter hook forward priority -200; policy accept; }\n"
                + "}\n"
                + "table inet " + t + " {\n"
                + "  chain input { type filter hook input priority -150; policy accept; }\n"
                + "}\n"
                + "flush chain bridge " + t + " prerouting\nflush chain bridge " + t + " forward\n"
                + "flush chain inet " + t + " input\n"
                + pre + "iifname != \"" + PORTS + "\" accept\n"
                + pre + "iifname . ether saddr != @macs drop\n"
                + pre + "ether type arp arp saddr ip 0.0.0.0" + mark
                + pre + "ether type arp iifname . arp saddr ether . arp saddr ip @guests4" + mark
                + pre + "ether type ip ip saddr 0.0.0.0 udp dport 67" + mark
                + pre + "ether type ip iifname . ether saddr . ip saddr @guests4" + mark
                + pre + "ether type ip6 ip6 saddr { ::, fe80::/10 }" + mark
                + pre + "ether type ip6 iifname . ether saddr . ip6 saddr @guests6" + mark
                + pre + "drop\n"
                + "add rule bridge " + t + " forward iifname \"" + PORTS + "\" oifname \"" + PORTS + "\" drop\n"
                + in + "meta mark & " + MARK + " == 0 accept\n"
                + in + "ct state established,related accept\n"
                + in + "udp dport { 53, 67, 547 } accept\n"
                + in + "tcp dport 53 accept\n"
                + in + "meta l4proto { icmp, ipv6-icmp } accept\n"
                + in + "drop\n";
    }

    public static Map<String, Object> isolate(Args args, AgentContext ctx) throws ActionException {
        IsolationState.Binding b = IsolationState.Binding.of(args);
        if (ctx.config().hostNetworkDryRun()) {
            LOG.warn("dev mode without root: tenant isolation of {} not applied", b.name());
            return result(b, false);
        }
        ctx.firewallLock().lock();
        try {
            List<IsolationState.Binding> all = IsolationState.read(ctx);
            all.removeIf(o -> o.name().equals(b.name()));
            String t = PortForward.table(ctx);
            PortForward.nft(ctx, tableDefinition(t) + b.elements("add", t));
            all.add(b);
            IsolationState.write(ctx, all);
        } finally {
            ctx.firewallLock().unlock();
        }
        return result(b, true);
    }

    /** Removes the VM's binding (its port then passes nothing); idempotent. */
    public static Map<String, Object> unisolate(Args args, AgentContext ctx) throws ActionException {
        String name = args.str("name");
        if (ctx.config().hostNetworkDryRun()) {
            return Map.of("name", name, "removed", false, "applied", false);
        }
        ctx.firewallLock().lock();
        try {
            List<IsolationState.Binding> all = IsolationState.read(ctx);
            List<IsolationState.Binding> gone = new ArrayList<>(all.stream().filter(o -> o.name().equals(name)).toList());
            String t = PortForward.table(ctx);
            StringBuilder script = new StringBuilder(tableDefinition(t));
            // add before delete: the delete succeeds even when the kernel lost the element
            gone.forEach(b -> script.append(b.elements("add", t)).append(b.elements("delete", t)));
            PortForward.nft(ctx, script.toString());
            all.removeAll(gone);
            IsolationState.write(ctx, all);
            return Map.of("name", name, "removed", !gone.isEmpty(), "applied", true);
        } finally {
            ctx.firewallLock().unlock();
        }
    }

    /** Daemon start: the tables and every recorded binding (a reboot empties the kernel's tables). */
    public static void restore(AgentContext ctx) {
        StateLines.restore(ctx, "tenant isolation", () -> {
            List<IsolationState.Binding> all = IsolationState.read(ctx);
            String t = PortForward.table(ctx);
            StringBuilder script = new StringBuilder(all.isEmpty() ? "" : tableDefinition(t));
            all.forEach(b -> script.append(b.elements("add", t)));
            return script.toString();
        });
    }

    private static Map<String, Object> result(IsolationState.Binding b, boolean applied) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", b.name());
        r.put("port", port(b.name()));
        r.put("applied", applied);
        return r;
    }
}
