package org.blockhost.provisioner.libvirt.internal;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.blockhost.provisioner.libvirt.internal.net.Ipv4Pool;
import org.blockhost.provisioner.libvirt.internal.net.Ipv6Prefix;

/** The validated configuration; {@link #from} fails closed with a message naming the field. */
public record Settings(String uri, Path vmDir, Path templateDir, String netType, String network,
        Optional<Ipv4Pool> pool, String ipv6Prefix, int loopbackSshPortBase, double cpuOvercommit,
        double memoryOvercommit, double diskOvercommit, int hostReservedMemoryMib, String guestUser,
        String virtType, boolean guestSudo, List<String> templateLocalPackages, Optional<GuestLogin> login,
        boolean portForward, String ipv6Uplink) {

    public static final Pattern URI = Pattern.compile(
            "(qemu|qemu\\+ssh|qemu\\+tls|test)://[A-Za-z0-9.@:_-]*/(system|session|default)");
    public static final Pattern NETWORK = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,14}");
    public static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,30}");
    /** The uplink of an on-link IPv6 prefix: a device name, never {@code lo} nor the sysctl names all/default. */
    public static final Pattern UPLINK = Pattern.compile("(?!(lo|all|default)$)[a-zA-Z0-9][a-zA-Z0-9_.-]{0,14}");
    public static final Pattern LOCAL_DEB = Pattern.compile("[a-z0-9][a-z0-9.+_-]{0,100}\\.deb");

    public Settings {
        templateLocalPackages = List.copyOf(templateLocalPackages);
        if (portForward && (pool.isEmpty() || network.isEmpty())) {
            throw new IllegalArgumentException("portForward: needs ipv4Pool (the private range of the VMs' network)"
                    + " and a network");
        }
        ipv6Uplink = ipv6Uplink == null ? "" : ipv6Uplink;
        if (!ipv6Uplink.isEmpty() && (ipv6Prefix == null || ipv6Prefix.isBlank())) {
            throw new IllegalArgumentException("ipv6Uplink: needs ipv6Prefix");
        }
    }

    /** Without an on-link IPv6 uplink (the prefix, if any, is routed to the host). */
    public Settings(String uri, Path vmDir, Path templateDir, String netType, String network,
            Optional<Ipv4Pool> pool, String ipv6Prefix, int loopbackSshPortBase, double cpuOvercommit,
            double memoryOvercommit, double diskOvercommit, int hostReservedMemoryMib, String guestUser,
            String virtType, boolean guestSudo, List<String> templateLocalPackages, Optional<GuestLogin> login,
            boolean portForward) {
        this(uri, vmDir, templateDir, netType, network, pool, ipv6Prefix, loopbackSshPortBase, cpuOvercommit,
                memoryOvercommit, diskOvercommit, hostReservedMemoryMib, guestUser, virtType, guestSudo,
                templateLocalPackages, login, portForward, "");
    }

    public static Settings from(LibvirtConfig c) {
        return new Settings(check("uri", c.uri(), URI), dir("vmDir", c.vmDir()), dir("templateDir", c.templateDir()),
                oneOf("netType", c.netType(), "network", "bridge"), network(c.network()), pool(c),
                ipv6(c.ipv6Prefix()), range("loopbackSshPortBase", c.loopbackSshPortBase(), 0, 64000),
                ratio("cpuOvercommit", c.cpuOvercommit()), ratio("memoryOvercommit", c.memoryOvercommit()),
                ratio("diskOvercommit", c.diskOvercommit()),
                range("hostReservedMemoryMib", c.hostReservedMemoryMib(), 0, 1 << 20),
                check("guestUser", c.guestUser(), USER), oneOf("virtType", c.virtType(), "kvm", "qemu"),
                c.guestSudo(), localDebs(c.templateLocalPackages()),
                GuestLogin.of(c.loginHost(), c.loginChainId(), c.signingUrl()), forward(c), uplink(c.ipv6Uplink()));
    }

    static List<String> localDebs(String[] v) {
        List<String> out = v == null ? List.of() : List.of(v);
        if (out.size() > 16 || new HashSet<>(out).size() != out.size()
                || !out.stream().allMatch(f -> LOCAL_DEB.matcher(f).matches())) {
            throw new IllegalArgumentException("templateLocalPackages: at most 16 distinct .deb file names "
                    + "([a-z0-9][a-z0-9.+_-]*.deb)");
        }
        return out;
    }

    public boolean hasNic() {
        return !network.isEmpty();
    }

    static String check(String field, String v, Pattern p) {
        if (v == null || !p.matcher(v).matches()) {
            throw new IllegalArgumentException(field + ": invalid value");
        }
        return v;
    }

    static Path dir(String field, String v) {
        if (v == null || !v.startsWith("/") || v.contains("/../") || v.endsWith("/..") || v.chars().anyMatch(ch -> ch < 0x20)) {
            throw new IllegalArgumentException(field + ": must be an absolute directory path");
        }
        return Path.of(v).normalize();
    }

    static String oneOf(String field, String v, String... allowed) {
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException(field + ": must be one of " + String.join(", ", allowed));
    }

    static String network(String v) {
        return v == null || v.isEmpty() ? "" : check("network", v, NETWORK);
    }

    public static final List<String> NETWORK_MODES = List.of("forward", "pool", "dhcp");

    /** Whether the mode is port-forward; "pool" and "forward" need the pool, "dhcp" refuses one. */
    static boolean forward(LibvirtConfig c) {
        String mode = c.networkMode() == null ? "" : c.networkMode();
        if (mode.isEmpty()) {
            return false;
        }
        oneOf("networkMode", mode, NETWORK_MODES.toArray(String[]::new));
        boolean pool = c.ipv4Pool() != null && !c.ipv4Pool().isBlank();
        if (mode.equals("dhcp") == pool) {
            throw new IllegalArgumentException("networkMode: " + mode + (pool ? " takes no ipv4Pool" : " needs ipv4Pool"));
        }
        return mode.equals("forward");
    }

    /** The pool with its optional range, gateway and DNS servers (those need the pool). */
    static Optional<Ipv4Pool> pool(LibvirtConfig c) {
        Optional<Ipv4Pool> p = pool(c.ipv4Pool());
        String[][] extra = {{"ipv4Range", c.ipv4Range()}, {"ipv4Gateway", c.ipv4Gateway()}, {"ipv4Dns", c.ipv4Dns()}};
        for (String[] e : extra) {
            if (e[1] != null && !e[1].isBlank() && p.isEmpty()) {
                throw new IllegalArgumentException(e[0] + ": needs ipv4Pool");
            }
        }
        if (p.isEmpty()) {
            return p;
        }
        Ipv4Pool pool = p.get();
        pool = blank(c.ipv4Gateway()) ? pool : pool.withGateway(c.ipv4Gateway());
        pool = blank(c.ipv4Range()) ? pool : pool.withRange(c.ipv4Range());
        return Optional.of(blank(c.ipv4Dns()) ? pool : pool.withDns(c.ipv4Dns()));
    }

    private static boolean blank(String v) {
        return v == null || v.isBlank();
    }

    static Optional<Ipv4Pool> pool(String v) {
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Ipv4Pool.parse(v.trim()));
    }

    static String ipv6(String v) {
        if (v == null || v.isBlank()) {
            return "";
        }
        Ipv6Prefix.parse(v.trim());
        return v.trim();
    }

    /** The uplink's configuration value: empty (routed prefix) or a valid device name. */
    public static String uplink(String v) {
        return v == null || v.isBlank() ? "" : check("ipv6Uplink", v.strip(), UPLINK);
    }

    /**
     * The host's uplink when the IPv6 prefix is on-link there (the provider's router asks for each
     * VM's address with Neighbour Solicitations): the root agent's neighbour proxy answers on it.
     */
    public Optional<String> ipv6ProxyUplink() {
        return ipv6Uplink.isEmpty() ? Optional.empty() : Optional.of(ipv6Uplink);
    }

    /** The IPv6 prefix guests get a /128 from, when configured. */
    public Optional<Ipv6Prefix> ipv6() {
        return ipv6Prefix == null || ipv6Prefix.isBlank() ? Optional.empty() : Optional.of(Ipv6Prefix.parse(ipv6Prefix));
    }

    static int range(String field, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(field + ": must be between " + min + " and " + max);
        }
        return v;
    }

    static double ratio(String field, double v) {
        if (!(v >= 0.1 && v <= 64)) {
            throw new IllegalArgumentException(field + ": must be between 0.1 and 64");
        }
        return v;
    }
}
