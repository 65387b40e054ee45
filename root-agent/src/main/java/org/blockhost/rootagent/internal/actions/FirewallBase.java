package org.blockhost.rootagent.internal.actions;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;

/**
 * firewall-base / firewall-base-clear: BlockHost's base ruleset, the table {@code inet <table>-base}
 * with one input chain (priority 0) that drops new TCP connections to the management ports (SSH,
 * the admin console) — except from loopback, for established connections, and for packets the
 * {@code admit} chain of {@link Firewall} marked because a knock opened them. The chain is
 * replaced as a whole in one nft transaction, so re-applying it is idempotent. Tenant forwarding
 * rules live in their own table (not this one).
 */
public final class FirewallBase {
    static final String SUFFIX = "-base";

    private FirewallBase() {
    }

    static String table(AgentContext ctx) {
        return ctx.config().nftTable() + SUFFIX;
    }

    /** The whole base table as one nft script: declare, flush, then the rules in order. */
    static String script(String table, List<Integer> ports) {
        String chain = "inet " + table + " input";
        StringBuilder p = new StringBuilder();
        for (int port : new TreeSet<>(ports)) {
            p.append(p.length() == 0 ? "" : ", ").append(port);
        }
        return "table inet " + table + " {\n"
                + "  chain input { type filter hook input priority 0; policy accept; }\n"
                + "}\n"
                + "flush chain " + chain + "\n"
                + "add rule " + chain + " meta mark & " + FirewallHooks.MARK + " == " + FirewallHooks.MARK
                + " accept comment \"" + FirewallHooks.COMMENT + "\"\n"
                + "add rule " + chain + " iif lo accept\n"
                + "add rule " + chain + " ct state established,related accept\n"
                + "add rule " + chain + " tcp dport { " + p + " } drop\n";
    }

    static List<Integer> ports(Args args) throws ActionException {
        List<Integer> out = new java.util.ArrayList<>();
        for (String s : args.list("ports")) {
            int port = Integer.parseInt(s); // the declared pattern allows 1..5 digits only
            if (port < 1 || port > 65535) {
                throw ActionException.rejected("invalid parameter 'ports': a port is 1 to 65535");
            }
            out.add(port);
        }
        return out;
    }

    public static Map<String, Object> apply(Args args, AgentContext ctx) throws ActionException {
        List<Integer> ports = ports(args);
        boolean applied = Firewall.apply(ctx, script(table(ctx), ports));
        return Map.of("table", table(ctx), "ports", List.copyOf(new TreeSet<>(ports)), "applied", applied);
    }

    public static Map<String, Object> clear(Args args, AgentContext ctx) throws ActionException {
        String t = table(ctx);
        // declare first so the delete never fails on a missing table (idempotent)
        boolean applied = Firewall.apply(ctx, "table inet " + t + " { }\ndelete table inet " + t + "\n");
        return Map.of("table", t, "applied", applied);
    }
}
