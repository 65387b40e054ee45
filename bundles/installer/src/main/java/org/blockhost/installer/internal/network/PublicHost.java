package org.blockhost.installer.internal.network;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The public host name or address buyers connect to (answer {@value #KEY}): a DNS name or an IP
 * literal, never {@code localhost} or a loopback or unspecified address outside dev mode. Checked
 * without any DNS lookup.
 */
public final class PublicHost {
    /** The answer key. */
    public static final String KEY = org.blockhost.installer.api.SetupService.PUBLIC_HOST;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]{2,45}");

    private PublicHost() {
    }

    /** Why {@code value} cannot be the public host, or empty. */
    public static Optional<String> problem(String value, boolean dev) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return Optional.of("enter the host name or IP address buyers connect to");
        }
        Kind kind = value.chars().anyMatch(Character::isISOControl) ? Kind.INVALID : kind(v);
        if (kind == Kind.INVALID) {
            return Optional.of("'" + shown(value) + "' is not a DNS name (like host.example.com) or an IP address");
        }
        if (!dev && local(v, kind)) {
            return Optional.of("buyers cannot reach this host at '" + shown(value)
                    + "': enter its public name or address (localhost and loopback are for dev mode only)");
        }
        return Optional.empty();
    }

    /** The canonical form saved and written to the configuration (lower case, no blanks). */
    public static String canonical(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    enum Kind { DNS, IPV4, IPV6, INVALID }

    static Kind kind(String v) {
        if (IPV4.matcher(v).matches()) {
            return Kind.IPV4;
        }
        if (v.contains(":")) {
            return IPV6.matcher(v).matches() && ipv6(v) ? Kind.IPV6 : Kind.INVALID;
        }
        if (v.length() > 253 || v.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return Kind.INVALID;
        }
        for (String label : v.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Kind.INVALID;
            }
        }
        return Kind.DNS;
    }

    private static boolean ipv6(String v) {
        try {
            return java.net.InetAddress.getByName(v) instanceof java.net.Inet6Address; // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean local(String v, Kind kind) {
        return switch (kind) {
            case DNS -> v.equals("localhost") || v.endsWith(".localhost");
            case IPV4 -> v.startsWith("127.") || v.startsWith("0.");
            case IPV6 -> {
                try {
                    java.net.InetAddress a = java.net.InetAddress.getByName(v);
                    yield a.isLoopbackAddress() || a.isAnyLocalAddress();
                } catch (java.net.UnknownHostException e) {
                    yield true;
                }
            }
            case INVALID -> true;
        };
    }

    private static String shown(String value) {
        String s = value.strip().replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
