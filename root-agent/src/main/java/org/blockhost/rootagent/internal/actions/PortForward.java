package org.blockhost.rootagent.internal.actions;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * port-forward-add / port-forward-del: elements {@code public_port : address . port} of the map
 * {@code forward4} in the nftables table {@code ip <table>_vms} (the tenant-network table, apart
 * from the management firewall's {@code inet <table>}). TCP to any local address of the host on a
 * public port is DNAT-ed to the VM's private address and port. A public port has one owner: adding
 * it for another destination fails. Delete removes every forward to the VM's address (idempotent).
 * The wanted forwards are recorded in {@code <state-dir>/forwards} and put back when the daemon
 * starts (the kernel forgets them at a reboot).
 */
public final class PortForward {
    private static final Logger LOG = LoggerFactory.getLogger(PortForward.class);

    private PortForward() {
    }

    /** The tenant-network table's name: the agent's table name with {@code _vms}. */
    static String table(AgentContext ctx) {
        return ctx.config().nftTable() + "_vms";
    }

    /** The table with the map and the DNAT rules, (re)declared idempotently (rules flushed and re-added). */
    static String tableDefinition(String table) {
        String rule = "fib daddr type local dnat ip to tcp dport map @forward4";
        return "table ip " + table + " {\n"
                + "  map forward4 { type inet_service : ipv4_addr . inet_service; }\n"
                + "  chain prerouting { type nat hook prerouting priority dstnat; policy accept; }\n"
                + "  chain output { type nat hook output priority -100; policy accept; }\n"
                + "}\n"
                + "flush chain ip " + table + " prerouting\n"
                + "flush chain ip " + table + " output\n"
                + "add rule ip " + table + " prerouting " + rule + "\n"
                + "add rule ip " + table + " output " + rule + "\n";
    }

    static String element(long publicPort, String address, long port) {
        return publicPort + " : " + address + " . " + port;
    }

    public static Map<String, Object> add(Args args, AgentContext ctx) throws ActionException {
        long publicPort = args.num("public_port");
        String address = args.ip("address").addressText();
        long port = args.num("port");
        String el = element(publicPort, address, port);
        boolean applied = !ctx.config().hostNetworkDryRun();
        if (!applied) {
            LOG.warn("dev mode without root: port forward {} not applied", el);
        } else {
            ctx.firewallLock().lock();
            try {
                ForwardState.Forward existing = ForwardState.read(ctx).get(publicPort);
                Map<Long, ForwardState.Forward> live = ForwardState.live(ctx);
                ForwardState.Forward now = live.getOrDefault(publicPort, existing);
                if (now != null && !(now.address().equals(address) && now.port() == port)) {
                    throw ActionException.failed("public port " + publicPort
                            + " is forwarded to another address; remove that forward first");
                }
                StringBuilder script = new StringBuilder(tableDefinition(table(ctx)));
                for (ForwardState.Forward f : live.values()) {
                    if (f.address().equals(address) && f.port() == port && f.publicPort() != publicPort) {
                        // a stale forward to this destination (its VM's delete was lost): one port per VM
                        script.append(deleteElement(ctx, f));
                    }
                }
                script.append("add element ip ").append(table(ctx)).append(" forward4 { ").append(el).append(" }\n");
                nft(ctx, script.toString());
                ForwardState.put(ctx, new ForwardState.Forward(publicPort, address, port));
            } finally {
                ctx.firewallLock().unlock();
            }
        }
        return Map.of("public_port", publicPort, "address", address, "port", port, "applied", applied);
    }

    public static Map<String, Object> del(Args args, AgentContext ctx) throws ActionException {
        String address = args.ip("address").addressText();
        if (ctx.config().hostNetworkDryRun()) {
            LOG.warn("dev mode without root: port forwards to {} not removed", address);
            return Map.of("address", address, "removed", 0, "applied", false);
        }
        ctx.firewallLock().lock();
        try {
            Map<Long, ForwardState.Forward> gone = new TreeMap<>();
            ForwardState.live(ctx).forEach((k, f) -> {
                if (f.address().equals(address)) {
                    gone.put(k, f);
                }
            });
            StringBuilder script = new StringBuilder();
            gone.values().forEach(f -> script.append(deleteElement(ctx, f)));
            if (script.length() > 0) {
                nft(ctx, script.toString());
            }
            ForwardState.removeAddress(ctx, address);
            return Map.of("address", address, "removed", gone.size(), "applied", true);
        } finally {
            ctx.firewallLock().unlock();
        }
    }

    /** Daemon start: declares the table and puts back every recorded forward (a reboot empties the kernel's map). */
    public static void restore(AgentContext ctx) {
        StateLines.restore(ctx, "port forwards", () -> {
            Map<Long, ForwardState.Forward> wanted = ForwardState.read(ctx);
            StringBuilder script = new StringBuilder(wanted.isEmpty() ? "" : tableDefinition(table(ctx)));
            wanted.values().forEach(f -> script.append("add element ip ").append(table(ctx)).append(" forward4 { ")
                    .append(element(f.publicPort(), f.address(), f.port())).append(" }\n"));
            return script.toString();
        });
    }

    private static String deleteElement(AgentContext ctx, ForwardState.Forward f) {
        return "delete element ip " + table(ctx) + " forward4 { " + element(f.publicPort(), f.address(), f.port()) + " }\n";
    }

    static void nft(AgentContext ctx, String script) throws ActionException {
        ctx.runner().runOk(List.of("nft", "-f", "-"), script.getBytes(StandardCharsets.UTF_8),
                ctx.config().commandTimeout());
    }
}
