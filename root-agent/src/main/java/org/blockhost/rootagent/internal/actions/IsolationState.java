package org.blockhost.rootagent.internal.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.blockhost.rootagent.internal.net.IpPrefix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The isolation bindings, recorded as lines {@code name mac ipv4|- ipv6|-} in {@code <state-dir>/isolation}. */
final class IsolationState {
    private static final Logger LOG = LoggerFactory.getLogger(IsolationState.class);
    private static final Pattern NAME = Pattern.compile("blockhost-[0-9]{3,9}");
    private static final Pattern MAC = Pattern.compile("52:54:00(:[0-9a-f]{2}){3}");

    private IsolationState() {
    }

    /** A tenant VM's port, MAC and addresses (each address may be null, not both). */
    record Binding(String name, String mac, String ipv4, String ipv6) {
        static Binding of(Args args) throws ActionException {
            String name = args.str("name");
            if (!NAME.matcher(name).matches()) {
                throw ActionException.rejected("name: only tenant VMs (blockhost-NNN) are isolated");
            }
            String v4 = args.has("ipv4_address") ? args.ip("ipv4_address").addressText() : null;
            String v6 = args.has("ipv6_address") ? args.ip("ipv6_address").addressText() : null;
            if (v4 == null && v6 == null) {
                throw ActionException.rejected("ipv4_address or ipv6_address is required");
            }
            return new Binding(name, args.str("mac"), v4, v6);
        }

        /** nft statements adding ({@code verb} add) or deleting ({@code delete}) this binding's elements. */
        String elements(String verb, String table) {
            String key = "\"" + TenantIsolation.port(name) + "\" . " + mac;
            String set = verb + " element bridge " + table + " ";
            return set + "macs { " + key + " }\n"
                    + (ipv4 == null ? "" : set + "guests4 { " + key + " . " + ipv4 + " }\n")
                    + (ipv6 == null ? "" : set + "guests6 { " + key + " . " + ipv6 + " }\n");
        }

        String line() {
            return name + " " + mac + " " + (ipv4 == null ? "-" : ipv4) + " " + (ipv6 == null ? "-" : ipv6);
        }
    }

    static List<Binding> read(AgentContext ctx) throws ActionException {
        List<Binding> out = new ArrayList<>();
        for (String line : StateLines.read(ctx, TenantIsolation.FILE)) {
            Binding b = parse(line);
            if (b == null) {
                LOG.warn("isolation record: a line that is not a binding was skipped");
            } else {
                out.add(b);
            }
        }
        return out;
    }

    static Binding parse(String line) {
        String[] f = line.split(" ");
        if (f.length != 4 || !NAME.matcher(f[0]).matches() || !MAC.matcher(f[1]).matches()) {
            return null;
        }
        String v4 = address(f[2], false);
        String v6 = address(f[3], true);
        boolean ok = (v4 != null || "-".equals(f[2])) && (v6 != null || "-".equals(f[3])) && (v4 != null || v6 != null);
        return ok ? new Binding(f[0], f[1], v4, v6) : null;
    }

    private static String address(String s, boolean v6) {
        IpPrefix p = "-".equals(s) ? null : IpPrefix.parse(s);
        return p != null && p.isHost() && p.isV6() == v6 ? p.addressText() : null;
    }

    static void write(AgentContext ctx, List<Binding> all) throws ActionException {
        StateLines.write(ctx, TenantIsolation.FILE, all.stream().map(Binding::line).toList());
    }
}
