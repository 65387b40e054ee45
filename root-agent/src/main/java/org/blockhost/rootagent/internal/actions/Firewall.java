package org.blockhost.rootagent.internal.actions;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.blockhost.rootagent.internal.net.IpPrefix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * firewall-open / firewall-close: elements {@code source . proto . port} in the sets {@code allow4}
 * and {@code allow6} of the nftables table {@code inet <table>}. Elements carry a kernel-enforced
 * timeout, so nothing stays open if the agent or the runtime dies.
 */
public final class Firewall {
    private static final Logger LOG = LoggerFactory.getLogger(Firewall.class);

    private Firewall() {
    }

    /**
     * The table, (re)declared idempotently: two timed interval sets and the chain {@code admit}, first
     * on the input hook (priority −300), which clears BlockHost's mark bit and sets it on packets
     * matching a live element (see {@link FirewallHooks} for the accept in every other input chain).
     */
    static String tableDefinition(String table) {
        String chain = "inet " + table + " admit";
        return "table inet " + table + " {\n"
                + "  set allow4 { type ipv4_addr . inet_proto . inet_service; flags interval,timeout; }\n"
                + "  set allow6 { type ipv6_addr . inet_proto . inet_service; flags interval,timeout; }\n"
                + "  chain admit { type filter hook input priority -300; policy accept; }\n"
                + "}\n"
                + "flush chain " + chain + "\n"
                + "add rule " + chain + " meta mark set meta mark & " + FirewallHooks.CLEAR + "\n"
                + "add rule " + chain + " ip saddr . meta l4proto . th dport @allow4 meta mark set meta mark | "
                + FirewallHooks.MARK + " accept\n"
                + "add rule " + chain + " ip6 saddr . meta l4proto . th dport @allow6 meta mark set meta mark | "
                + FirewallHooks.MARK + " accept\n";
    }

    static String element(Args args) {
        IpPrefix src = args.ip("source");
        return src + " . " + args.str("proto") + " . " + args.num("port");
    }

    static String setName(Args args) {
        return args.ip("source").isV6() ? "allow6" : "allow4";
    }

    public static Map<String, Object> open(Args args, AgentContext ctx) throws ActionException {
        String t = ctx.config().nftTable();
        String el = element(args);
        String set = "inet " + t + " " + setName(args);
        // add (no-op if present), delete, add again with the timeout: one atomic transaction that
        // refreshes the timeout of an existing element
        String script = "add element " + set + " { " + el + " }\n"
                + "delete element " + set + " { " + el + " }\n"
                + "add element " + set + " { " + el + " timeout " + args.num("ttl") + "s }\n";
        boolean applied = apply(ctx, script);
        return Map.of("set", setName(args), "element", el, "ttl", args.num("ttl"), "applied", applied);
    }

    public static Map<String, Object> close(Args args, AgentContext ctx) throws ActionException {
        String t = ctx.config().nftTable();
        String el = element(args);
        String set = "inet " + t + " " + setName(args);
        String script = "add element " + set + " { " + el + " timeout 1s }\n"
                + "delete element " + set + " { " + el + " }\n";
        boolean applied = apply(ctx, script);
        return Map.of("set", setName(args), "element", el, "applied", applied);
    }

    /** Applies the script; false (and the result says {@code applied: false}) in an unprivileged dev runtime. */
    static boolean apply(AgentContext ctx, String script) throws ActionException {
        if (ctx.config().hostNetworkDryRun()) {
            LOG.warn("dev mode without root: host firewall not managed, nft script not applied:\n{}", script);
            return false;
        }
        ctx.firewallLock().lock();
        try {
            ensureTable(ctx);
            ctx.runner().runOk(List.of("nft", "-f", "-"), script.getBytes(StandardCharsets.UTF_8),
                    ctx.config().commandTimeout());
        } finally {
            ctx.firewallLock().unlock();
        }
        return true;
    }

    /** Our table and chain, then the accept rule in every other input chain (one transaction each). */
    private static void ensureTable(AgentContext ctx) throws ActionException {
        ctx.runner().runOk(List.of("nft", "-f", "-"), tableDefinition(ctx.config().nftTable())
                .getBytes(StandardCharsets.UTF_8), ctx.config().commandTimeout());
        String accepts = FirewallHooks.missingAccepts(ctx);
        if (!accepts.isEmpty()) {
            ctx.runner().runOk(List.of("nft", "-f", "-"), accepts.getBytes(StandardCharsets.UTF_8),
                    ctx.config().commandTimeout());
        }
    }
}
