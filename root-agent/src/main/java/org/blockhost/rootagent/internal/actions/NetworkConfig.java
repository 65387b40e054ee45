package org.blockhost.rootagent.internal.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.Args;
import org.blockhost.rootagent.internal.net.IpPrefix;

/**
 * The optional NoCloud {@code network-config} (version 2) of seed-create: static IPv4
 * address/prefix/gateway, an IPv6 /128 with its gateway, DNS servers. Every value is a parsed
 * address or a bounded integer, re-rendered from its parsed form, so nothing can break the YAML.
 */
final class NetworkConfig {
    private NetworkConfig() {
    }

    /** The document, or empty when no static address was requested (the guest uses DHCP). */
    static Optional<String> render(Args a) throws ActionException {
        boolean v4 = a.has("ipv4_address");
        boolean v6 = a.has("ipv6_address");
        checkCombination(a, v4, v6);
        if (!v4 && !v6) {
            return Optional.empty();
        }
        StringBuilder y = new StringBuilder("version: 2\nethernets:\n  primary:\n    match:\n");
        y.append(a.has("mac") ? "      macaddress: \"" + a.str("mac") + "\"\n" : "      name: \"e*\"\n");
        y.append(v4 ? "    dhcp4: false\n" : "    dhcp4: true\n").append("    addresses:\n");
        if (v4) {
            y.append("      - \"").append(a.ip("ipv4_address").addressText()).append('/').append(a.num("ipv4_prefix"))
                    .append("\"\n");
        }
        if (v6) {
            y.append("      - \"").append(a.ip("ipv6_address").addressText()).append("/128\"\n");
        }
        gateway(y, a, "ipv4_gateway", "gateway4");
        gateway(y, a, "ipv6_gateway", "gateway6");
        List<String> dns = dns(a);
        if (!dns.isEmpty()) {
            y.append("    nameservers:\n      addresses:\n");
            dns.forEach(d -> y.append("        - \"").append(d).append("\"\n"));
        }
        return Optional.of(y.toString());
    }

    private static void checkCombination(Args a, boolean v4, boolean v6) throws ActionException {
        if (v4 != a.has("ipv4_prefix") || (!v4 && a.has("ipv4_gateway")) || (!v6 && a.has("ipv6_gateway"))) {
            throw ActionException.rejected("seed-create: ipv4_address and ipv4_prefix go together; "
                    + "a gateway needs its address");
        }
        if (!v4 && !v6 && a.has("dns")) {
            throw ActionException.rejected("seed-create: dns needs a static address");
        }
    }

    private static void gateway(StringBuilder y, Args a, String param, String key) {
        if (a.has(param)) {
            y.append("    ").append(key).append(": \"").append(a.ip(param).addressText()).append("\"\n");
        }
    }

    private static List<String> dns(Args a) throws ActionException {
        List<String> out = new ArrayList<>();
        if (!a.has("dns")) {
            return out;
        }
        for (String d : a.list("dns")) {
            IpPrefix p = IpPrefix.parse(d);
            if (p == null || !p.isHost()) {
                throw ActionException.rejected("parameter 'dns': expected IPv4 or IPv6 addresses");
            }
            out.add(p.addressText());
        }
        return out;
    }
}
