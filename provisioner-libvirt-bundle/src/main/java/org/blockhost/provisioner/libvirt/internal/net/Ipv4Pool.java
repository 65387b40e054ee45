package org.blockhost.provisioner.libvirt.internal.net;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 pool {@code a.b.c.d/p} (8 ≤ p ≤ 30). Usable addresses skip the network address, the first
 * host (the gateway) and the broadcast address; optionally narrowed to a range {@code first-last}
 * inside the network, with an explicit gateway (never allocated) and DNS servers (default: the
 * gateway). A guest's MAC is {@code 52:54:00} followed by the low
 * 24 bits of its address, so the allocation is recorded in the domain definition itself.
 */
public final class Ipv4Pool {
    private static final Pattern CIDR = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}/([0-9]{1,2})");
    private static final Pattern MAC = Pattern.compile("52:54:00:([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2})");
    private final long network;
    private final int prefix;
    private final long first;
    private final long last;
    private final long gateway;
    private final List<String> dns;

    private Ipv4Pool(long network, int prefix, long first, long last, long gateway, List<String> dns) {
        this.network = network;
        this.prefix = prefix;
        this.first = first;
        this.last = last;
        this.gateway = gateway;
        this.dns = List.copyOf(dns);
    }

    public static Ipv4Pool parse(String cidr) {
        Matcher m = CIDR.matcher(cidr == null ? "" : cidr);
        if (!m.matches()) {
            throw new IllegalArgumentException("ipv4Pool: not an IPv4 CIDR like 192.0.2.0/24");
        }
        int p = Integer.parseInt(m.group(4));
        if (p < 8 || p > 30) {
            throw new IllegalArgumentException("ipv4Pool: prefix length must be between 8 and 30");
        }
        long addr = toLong(cidr.substring(0, cidr.indexOf('/')));
        if ((addr & hostMask(p)) != 0) {
            throw new IllegalArgumentException("ipv4Pool: host bits must be zero");
        }
        return new Ipv4Pool(addr, p, addr + 2, addr + hostMask(p) - 1, addr + 1, List.of(toText(addr + 1)));
    }

    /** Narrowed to {@code first-last} (both host addresses of the network, first ≤ last). */
    public Ipv4Pool withRange(String range) {
        String[] r = range.split("-", -1);
        long a = r.length == 2 ? host(r[0], "ipv4Range") : -1;
        long b = r.length == 2 ? host(r[1], "ipv4Range") : -1;
        if (r.length != 2 || a > b) {
            throw new IllegalArgumentException("ipv4Range: must be first-last inside the pool, like 192.0.2.10-192.0.2.99");
        }
        return new Ipv4Pool(network, prefix, a, b, gateway, dns);
    }

    /** With an explicit gateway (a host address of the network; never allocated). */
    public Ipv4Pool withGateway(String address) {
        long g = host(address, "ipv4Gateway");
        boolean defaultDns = dns.equals(List.of(toText(gateway)));
        return new Ipv4Pool(network, prefix, first, last, g, defaultDns ? List.of(toText(g)) : dns);
    }

    /** With 1 to 4 DNS servers (IPv4 addresses, comma-separated). */
    public Ipv4Pool withDns(String servers) {
        String[] d = servers.split(",", -1);
        if (d.length > 4) {
            throw new IllegalArgumentException("ipv4Dns: at most 4 IPv4 addresses, comma-separated");
        }
        List<String> out = new java.util.ArrayList<>();
        for (String x : d) {
            try {
                out.add(toText(toLong(x.strip())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ipv4Dns: at most 4 IPv4 addresses, comma-separated");
            }
        }
        return new Ipv4Pool(network, prefix, first, last, gateway, out);
    }

    private long host(String address, String field) {
        long v;
        try {
            v = toLong(address.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": not an IPv4 address");
        }
        if ((v & ~hostMask(prefix) & 0xffffffffL) != network || v == network || v == network + hostMask(prefix)) {
            throw new IllegalArgumentException(field + ": must be a host address inside the pool " + this);
        }
        return v;
    }

    /** The lowest usable address not in {@code used}, or empty when the pool is exhausted. */
    public Optional<String> allocate(Set<String> used) {
        for (long v = first; v <= last; v++) {
            String a = toText(v);
            if (v != gateway && !used.contains(a)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public int prefix() {
        return prefix;
    }

    /** The guests' gateway: the first host of the network unless configured. */
    public String gateway() {
        return toText(gateway);
    }

    /** The guests' DNS servers: the gateway unless configured. */
    public List<String> dns() {
        return dns;
    }

    public boolean contains(String address) {
        try {
            return (toLong(address) & ~hostMask(prefix) & 0xffffffffL) == network;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static String macFor(String address) {
        long a = toLong(address);
        return String.format("52:54:00:%02x:%02x:%02x", (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
    }

    /** The pool address a MAC built by {@link #macFor} stands for, if it lies in this pool. */
    public Optional<String> addressOfMac(String mac) {
        Matcher m = MAC.matcher(mac == null ? "" : mac);
        if (!m.matches()) {
            return Optional.empty();
        }
        long low = Long.parseLong(m.group(1) + m.group(2) + m.group(3), 16);
        long candidate = (network & ~0xffffffL & 0xffffffffL) | low;
        String a = toText(candidate);
        return contains(a) ? Optional.of(a) : Optional.empty();
    }

    @Override
    public String toString() {
        return toText(network) + "/" + prefix;
    }

    private static long hostMask(int p) {
        return (1L << (32 - p)) - 1;
    }

    static long toLong(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address");
        }
        long v = 0;
        for (String s : parts) {
            if (!s.matches("[0-9]{1,3}") || Integer.parseInt(s) > 255) {
                throw new IllegalArgumentException("not an IPv4 address");
            }
            v = (v << 8) | Integer.parseInt(s);
        }
        return v;
    }

    static String toText(long v) {
        return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }
}
