package org.blockhost.provisioner.libvirt.internal.wizard;

import java.util.Optional;

import org.blockhost.provisioner.libvirt.internal.net.Ipv6Prefix;

/**
 * The IPv6 answer {@value #KEY}: {@code none}, or a routed prefix (/48 to /112, host bits zero) from
 * which each VM gets a /128. Stored as the provisioner's {@code ipv6Prefix} ({@code none} = empty).
 */
public final class Ipv6Answer {
    public static final String KEY = "libvirt.ipv6_prefix";
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
}
