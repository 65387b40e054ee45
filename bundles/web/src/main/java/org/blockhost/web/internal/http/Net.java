package org.blockhost.web.internal.http;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;

import org.blockhost.web.api.ClientAddress;

/** Address helpers that never resolve names (no DNS lookups from request data). */
public final class Net {

    private Net() {
    }

    /** Whether a peer address (as {@code getRemoteAddr()} gives it) is a loopback address. */
    public static boolean loopback(String address) {
        return ClientAddress.literal(address).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    /** Whether the host name is {@code localhost} or a loopback literal. */
    public static boolean loopbackName(String host) {
        return "localhost".equals(host) || loopback(host);
    }

    /** Whether the literal is an address of one of this machine's interfaces. */
    public static boolean localAddress(String host) {
        Optional<InetAddress> address = ClientAddress.literal(host);
        if (address.isEmpty()) {
            return false;
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (Collections.list(nic.getInetAddresses()).stream().anyMatch(a -> sameAddress(a, address.get()))) {
                    return true;
                }
            }
        } catch (SocketException e) {
            return false;
        }
        return false;
    }

    /** This machine's first address others can reach (IPv4 before IPv6; not loopback or link-local). */
    public static Optional<String> firstRoutableAddress() {
        try {
            java.util.List<InetAddress> all = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(nic -> isUp(nic)).flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress()).toList();
            return all.stream().filter(a -> a instanceof java.net.Inet4Address).findFirst()
                    .or(() -> all.stream().findFirst()).map(a -> a.getHostAddress().replaceAll("%.*$", ""));
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    private static boolean sameAddress(InetAddress a, InetAddress b) {
        return java.util.Arrays.equals(a.getAddress(), b.getAddress());
    }

    /**
     * The host part of a Host header, lower-case, without port or IPv6 brackets; empty when the
     * header is missing or malformed.
     */
    public static Optional<String> hostOf(String header) {
        if (header == null || header.isEmpty() || header.length() > 255) {
            return Optional.empty();
        }
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0 || !(end == h.length() - 1 || h.charAt(end + 1) == ':')) {
                return Optional.empty();
            }
            return validPort(h.substring(end + 1)) ? Optional.of(h.substring(1, end)) : Optional.empty();
        }
        int colon = h.indexOf(':');
        String host = colon < 0 ? h : h.substring(0, colon);
        if (colon >= 0 && !validPort(h.substring(colon))) {
            return Optional.empty();
        }
        return host.matches("[a-z0-9]([a-z0-9.-]{0,252})") ? Optional.of(host) : Optional.empty();
    }

    private static boolean validPort(String suffix) {
        return suffix.isEmpty() || suffix.matches(":\\d{1,5}");
    }
}
