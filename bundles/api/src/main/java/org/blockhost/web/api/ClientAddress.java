package org.blockhost.web.api;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a request comes from, for per-client limits: every rate limit of the web surfaces and of a plugin's public
 * endpoint keys its budget by {@link #key(String)}, so one client gets one budget whatever page it calls. A client is
 * its IPv4 address (an IPv4-mapped IPv6 address counts as that IPv4 address), or the /64 its IPv6 address lies in —
 * one host usually holds a whole /64, and keying by the exact address would give it 2^64 budgets. Names are never
 * looked up (no DNS from request data).
 */
public final class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private ClientAddress() {
    }

    /** The address of an IP literal, or empty when the text is not one (names are never looked up). */
    public static Optional<InetAddress> literal(String text) {
        if (text == null || !(IPV4.matcher(text).matches() || (text.contains(":") && IPV6.matcher(text).matches()))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * The budget key of a peer address as {@code getRemoteAddr()} gives it: {@code 192.0.2.7} for IPv4,
     * {@code 20010db800010002::/64} for any address in {@code 2001:db8:1:2::/64}; a text that is no IP literal keys as
     * itself after a {@code ?} (it can never equal an address's key).
     */
    public static String key(String remoteAddr) {
        return literal(remoteAddr).map(ClientAddress::key).orElse("?" + remoteAddr);
    }

    /** The budget key of an address: the IPv4 address, or the /64 an IPv6 address lies in. */
    public static String key(InetAddress peer) {
        if (peer instanceof Inet6Address) {
            return HexFormat.of().formatHex(peer.getAddress(), 0, 8) + "::/64";
        }
        return peer.getHostAddress();
    }
}
