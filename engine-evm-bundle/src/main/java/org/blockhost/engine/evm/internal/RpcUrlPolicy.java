package org.blockhost.engine.evm.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which RPC endpoints the engine may talk to: https only outside dev mode (http as well in dev
 * mode, for a local anvil), no user info, and (outside dev mode) no loopback, private, link-local, unique-local, CGNAT, multicast or wildcard address.
 * Host names are resolved and every address must pass; the same check runs again at connect
 * time ({@link #dns}), so a name cannot later resolve somewhere it was not allowed.
 */
public final class RpcUrlPolicy {
    private final boolean dev;

    public RpcUrlPolicy(boolean dev) {
        this.dev = dev;
    }

    /** Validates the URL; the message names the problem but never repeats the URL's path or query. */
    public URI check(String url) {
        URI uri = checkForm(url);
        resolve(uri.getHost());
        return uri;
    }

    /**
     * The URL rules without resolving the host: for a URL only others connect to (the public RPC URL
     * given to buyers' wallets).
     */
    public URI checkForm(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("RPC URL is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("RPC URL must use http or https");
        }
        if (!dev && !scheme.equals("https")) {
            throw new IllegalArgumentException("RPC URL must use https (plain http is allowed in dev mode only)");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("RPC URL must name a host and carry no user info");
        }
        return uri;
    }

    /** Resolves a host and refuses it when any address is not allowed. */
    public List<InetAddress> resolve(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("RPC host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!dev && isInternal(address)) {
                throw new IllegalArgumentException("RPC host " + host + " resolves to the internal address "
                        + address.getHostAddress() + " (allowed in dev mode only)");
            }
        }
        return Arrays.asList(addresses);
    }

    /** An okhttp DNS that applies the same rule at every connection. */
    public okhttp3.Dns dns() {
        return hostname -> {
            try {
                return resolve(hostname);
            } catch (IllegalArgumentException e) {
                throw new UnknownHostException(e.getMessage());
            }
        };
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10 carrier-grade NAT
    }
}
