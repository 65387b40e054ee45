package org.blockhost.provisioner.libvirt.internal.wizard;

import java.util.Optional;

import org.blockhost.provisioner.libvirt.internal.Settings;
import org.blockhost.provisioner.libvirt.internal.net.Ipv6Prefix;

/**
 * The IPv6 answer {@value #KEY}: {@code none}, or a prefix (/48 to /112, host bits zero) from which
 * each VM gets a /128. Stored as the provisioner's {@code ipv6Prefix} ({@code none} = empty). With
 * it, {@value #UPLINK_KEY}: {@code none} when the prefix is routed to this host, else the host's uplink
 * on which the prefix is on-link (neighbour proxy), stored as {@code ipv6Uplink}.
 */
public final class Ipv6Answer {
    public static final String KEY = "libvirt.ipv6_prefix";
    public static final String UPLINK_KEY = "libvirt.ipv6_uplink";
    public static final String NONE = "none";

    private Ipv6Answer() {
    }

    /** Why {@code value} is refused, or empty. Fixed text: the value is never echoed. */
    public static Optional<String> problem(String value) {
        try {
            property(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("enter 'none' or an IPv6 prefix like 2001:db8:1::/64 (length 48 to 112, host bits zero)");
        }
    }

    /** The configuration value: empty for {@code none}, else the prefix in canonical form. */
    public static String property(String value) {
        String v = value == null ? "" : value.strip();
        if (v.equalsIgnoreCase(NONE)) {
            return "";
        }
        if (v.isEmpty() || v.length() > 64) {
            throw new IllegalArgumentException("empty or too long");
        }
        return Ipv6Prefix.parse(v).toString();
    }

    /** The uplink's configuration value: empty for {@code none} (a routed prefix), else the interface name. */
    public static String uplinkProperty(String value) {
        String v = value == null ? "" : value.strip();
        return v.equalsIgnoreCase(NONE) ? "" : Settings.uplink(v.isEmpty() ? "-" : v);
    }

    /** Why the uplink {@code value} is refused, or empty. Fixed text: the value is never echoed. */
    public static Optional<String> uplinkProblem(String value) {
        try {
            uplinkProperty(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("enter the name of this host's network interface towards the provider, like eth0 or"
                    + " enp1s0 (up to 15 letters, digits, '.', '_' or '-'; not lo), or leave it empty when the prefix"
                    + " is routed to this host");
        }
    }
}
