package org.blockhost.rootagent.internal.net;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address with a prefix length, parsed strictly from a literal (never a host name,
 * never a scope id, no IPv4-mapped IPv6). Host bits below the prefix must be zero.
 */
public final class IpPrefix {
    private static final Pattern V4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern V6 = Pattern.compile("[0-9a-f:]{2,39}");
    private static final Pattern LEN = Pattern.compile("[0-9]{1,3}");

    private final InetAddress address;
    private final int length;

    private IpPrefix(InetAddress address, int length) {
        this.address = address;
        this.length = length;
    }

    /** Parses {@code addr} or {@code addr/len}; lower-case input expected. Returns null when invalid. */
    public static IpPrefix parse(String s) {
        int slash = s.indexOf('/');
        String a = slash < 0 ? s : s.substring(0, slash);
        InetAddress addr = literal(a);
        if (addr == null) {
            return null;
        }
        int max = addr instanceof Inet4Address ? 32 : 128;
        int len = max;
        if (slash >= 0) {
            String l = s.substring(slash + 1);
            if (!LEN.matcher(l).matches() || (l.length() > 1 && l.charAt(0) == '0')) {
                return null;
            }
            len = Integer.parseInt(l);
            if (len > max) {
                return null;
            }
        }
        IpPrefix p = new IpPrefix(addr, len);
        return p.hostBitsZero() ? p : null;
    }

    private static InetAddress literal(String a) {
        try {
            if (V4.matcher(a).matches()) {
                return InetAddress.getByName(a);
            }
            if (V6.matcher(a).matches() && a.contains(":")) {
                InetAddress r = InetAddress.getByName(a);
                return r instanceof Inet6Address ? r : null;
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    private BigInteger bits() {
        return new BigInteger(1, address.getAddress());
    }

    private int max() {
        return address instanceof Inet4Address ? 32 : 128;
    }

    private boolean hostBitsZero() {
        int hostBits = max() - length;
        return hostBits == 0 || bits().getLowestSetBit() >= hostBits || bits().signum() == 0;
    }

    public boolean isV6() {
        return address instanceof Inet6Address;
    }

    /** The prefix length in bits. */
    public int length() {
        return length;
    }

    /** A single address (/32 or /128). */
    public boolean isHost() {
        return length == max();
    }

    public boolean contains(IpPrefix other) {
        if (other.isV6() != isV6() || other.length < length) {
            return false;
        }
        int shift = max() - length;
        return other.bits().shiftRight(shift).equals(bits().shiftRight(shift));
    }

    /** The address alone in canonical text form. */
    public String addressText() {
        String t = address.getHostAddress();
        int pct = t.indexOf('%');
        return pct < 0 ? t : t.substring(0, pct);
    }

    /** Canonical text: the address for a host, {@code addr/len} otherwise. */
    @Override
    public String toString() {
        return isHost() ? addressText() : addressText() + "/" + length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpPrefix p && p.address.equals(address) && p.length == length;
    }

    @Override
    public int hashCode() {
        return address.hashCode() * 31 + length;
    }
}
