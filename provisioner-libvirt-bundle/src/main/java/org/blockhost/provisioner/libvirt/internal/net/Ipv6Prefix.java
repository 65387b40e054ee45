package org.blockhost.provisioner.libvirt.internal.net;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The configured IPv6 prefix (/48 to /112). Each VM gets one /128 derived from its number
 * ({@code blockhost-042} → prefix + 42), so the address follows from the name alone.
 */
public final class Ipv6Prefix {
    private static final Pattern CIDR = Pattern.compile("[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}/([0-9]{2,3})");
    private static final Pattern VM = Pattern.compile("blockhost-([0-9]{3,9})");
    private final BigInteger network;
    private final int length;

    private Ipv6Prefix(BigInteger network, int length) {
        this.network = network;
        this.length = length;
    }

    public static Ipv6Prefix parse(String cidr) {
        String c = cidr == null ? "" : cidr.toLowerCase(java.util.Locale.ROOT);
        var m = CIDR.matcher(c);
        if (!m.matches()) {
            throw new IllegalArgumentException("ipv6Prefix: not an IPv6 CIDR like 2001:db8:1::/64");
        }
        int len = Integer.parseInt(m.group(2));
        if (len < 48 || len > 112) {
            throw new IllegalArgumentException("ipv6Prefix: prefix length must be between 48 and 112");
        }
        BigInteger net = new BigInteger(1, literal(c.substring(0, c.indexOf('/'))).getAddress());
        if (!net.equals(net.shiftRight(128 - len).shiftLeft(128 - len))) {
            throw new IllegalArgumentException("ipv6Prefix: host bits must be zero");
        }
        return new Ipv6Prefix(net, len);
    }

    /** The VM's /128 address (full textual form), from the number in its name. */
    public String addressFor(String vmName) {
        var m = VM.matcher(vmName == null ? "" : vmName);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a BlockHost VM name: " + vmName);
        }
        BigInteger host = new BigInteger(m.group(1));
        if (host.signum() == 0 || host.bitLength() > 128 - length) {
            throw new IllegalArgumentException("VM number does not fit the IPv6 prefix");
        }
        return text(network.or(host));
    }

    private static InetAddress literal(String a) {
        try {
            InetAddress r = InetAddress.getByName(a); // only hex digits and colons: a literal, never a lookup
            if (!(r instanceof Inet6Address)) {
                throw new IllegalArgumentException("ipv6Prefix: not an IPv6 address");
            }
            return r;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("ipv6Prefix: not an IPv6 address");
        }
    }

    @Override
    public String toString() {
        return text(network) + "/" + length;
    }

    private static String text(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] b = new byte[16];
        System.arraycopy(raw, Math.max(0, raw.length - 16), b, Math.max(0, 16 - raw.length), Math.min(16, raw.length));
        try {
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
