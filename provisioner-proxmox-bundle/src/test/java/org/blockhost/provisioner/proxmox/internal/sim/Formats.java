package org.blockhost.provisioner.proxmox.internal.sim;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * PVE's named string formats that the provisioner's requests use, as PVE defines them. A format
 * not listed here is refused: the test server never accepts what it cannot check.
 */
final class Formats {
    private static final String NODE = "[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?";
    private static final String IPV4 = "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final String IPV6 = "[0-9a-fA-F:]*:[0-9a-fA-F:.]*";
    private static final String STORAGE = "[a-z][a-z0-9\\-_.]*[a-z0-9]";
    private static final Map<String, Pattern> SIMPLE = Map.ofEntries(
            Map.entry("pve-node", Pattern.compile(NODE)),
            Map.entry("pve-vmid", Pattern.compile("[0-9]+")),
            Map.entry("pve-configid", Pattern.compile("[a-z][a-z0-9_]{1,40}")),
            Map.entry("pve-configid-list", Pattern.compile("[a-z][a-z0-9_]{1,40}([,; ]+[a-z][a-z0-9_]{1,40})*")),
            Map.entry("pve-storage-id", Pattern.compile(STORAGE)),
            Map.entry("pve-poolid", Pattern.compile("[A-Za-z0-9\\-_]+(/[A-Za-z0-9\\-_]+){0,2}")),
            Map.entry("dns-name", Pattern.compile("(" + NODE + "\\.)*" + NODE)),
            Map.entry("pve-bridge-id", Pattern.compile("[-_.\\w\\d]+")),
            Map.entry("pve-iface", Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{1,20}([:.][0-9]+)?")),
            Map.entry("pve-iface-list", Pattern.compile("[a-zA-Z][a-zA-Z0-9_.:]{1,20}([ ,;]+[a-zA-Z][a-zA-Z0-9_.:]{1,20})*")),
            Map.entry("mac-addr", Pattern.compile("[a-fA-F0-9][02468aAcCeE](:[a-fA-F0-9]{2}){5}")),
            Map.entry("ipv4", Pattern.compile(IPV4)),
            Map.entry("ipv6", Pattern.compile(IPV6)),
            Map.entry("address-list", Pattern.compile("(" + IPV4 + "|" + IPV6 + ")([,; ]+(" + IPV4 + "|" + IPV6 + "))*")),
            Map.entry("urlencoded", Pattern.compile("[%a-zA-Z0-9\\-_.!~*'()]*")),
            Map.entry("pve-tag-list", Pattern.compile("[a-z0-9_][a-z0-9_\\-+.]*([,; ]+[a-z0-9_][a-z0-9_\\-+.]*)*")),
            Map.entry("pve-storage-content", Pattern.compile("images|rootdir|vztmpl|iso|backup|snippets|import")),
            Map.entry("pve-volume-id-or-qm-path", Pattern.compile("none|cdrom|/dev/.+|" + STORAGE + ":.+")),
            Map.entry("pve-volume-id-or-absolute-path", Pattern.compile("/.+|" + STORAGE + ":.+")),
            Map.entry("pve-qm-boot", Pattern.compile("((legacy=)?[acdn]{1,4}|order=[a-z]+[0-9]+(;[a-z]+[0-9]+)*)")));

    private Formats() {
    }

    /** Error text or null. */
    static String check(String format, String v) {
        if (format.equals("pve-qm-ipconfig")) {
            return ipconfig(v);
        }
        Pattern p = SIMPLE.get(format);
        if (p == null) {
            return "format '" + format + "' is not checked by the test server: add it to Formats";
        }
        return p.matcher(v).matches() ? null : "value does not match format " + format;
    }

    /** {@code [gw=<IPv4>][,gw6=<IPv6>][,ip=<IPv4/CIDR>|dhcp][,ip6=<IPv6/CIDR>|dhcp|auto]}. */
    private static String ipconfig(String v) {
        for (String part : v.split(",", -1)) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                return "invalid format - missing key in '" + part + "'";
            }
            boolean ok = switch (kv[0]) {
                case "ip" -> kv[1].equals("dhcp") || kv[1].matches(IPV4 + "/([0-9]|[12][0-9]|3[0-2])");
                case "gw" -> kv[1].matches(IPV4);
                case "ip6" -> kv[1].matches("dhcp|auto") || kv[1].matches(IPV6 + "/([0-9]{1,2}|1[01][0-9]|12[0-8])");
                case "gw6" -> kv[1].matches(IPV6);
                default -> false;
            };
            if (!ok) {
                return "invalid format - " + kv[0] + ": '" + kv[1] + "'";
            }
        }
        return null;
    }
}
