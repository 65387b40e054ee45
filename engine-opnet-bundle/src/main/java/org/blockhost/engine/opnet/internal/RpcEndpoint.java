package org.blockhost.engine.opnet.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Checks the node URL once at activation: https, a host, no user info; outside dev mode the host must
 * resolve to public addresses only. Messages never repeat the URL's path or query (they may hold a key).
 */
final class RpcEndpoint {
    private RpcEndpoint() {
    }

    static URI check(String url, boolean dev) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("OPNet RPC URL is not a valid URI");
        }
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(dev && scheme.equals("http"))) {
            throw new IllegalArgumentException("OPNet RPC URL must use https (http only in dev mode)");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("OPNet RPC URL must name a host and carry no user info");
        }
        if (!dev) {
            requirePublic(uri.getHost());
        }
        return uri;
    }

    private static void requirePublic(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                byte[] b = a.getAddress();
                boolean internal = a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                        || a.isAnyLocalAddress() || a.isMulticastAddress() || b.length == 16 && (b[0] & 0xfe) == 0xfc
                        || b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
                if (internal) {
                    throw new IllegalArgumentException("OPNet RPC host " + host + " is internal (dev mode only)");
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("OPNet RPC host " + host + " does not resolve");
        }
    }
}
