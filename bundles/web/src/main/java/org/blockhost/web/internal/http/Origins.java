package org.blockhost.web.internal.http;

import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/** Same-origin checks for state-changing requests. */
public final class Origins {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private Origins() {
    }

    public static boolean stateChanging(HttpServletRequest req) {
        return stateChanging(req.getMethod());
    }

    /** Whether the method changes state (anything but GET, HEAD and OPTIONS). */
    public static boolean stateChanging(String method) {
        return !SAFE.contains(method.toUpperCase(Locale.ROOT));
    }

    /** The server's own origin as the caller addressed it: scheme and Host header. */
    public static String own(HttpServletRequest req) {
        String scheme = req.getScheme().toLowerCase(Locale.ROOT);
        String host = req.getHeader("Host") == null ? "" : req.getHeader("Host").trim().toLowerCase(Locale.ROOT);
        String defaultPort = "https".equals(scheme) ? ":443" : ":80";
        if (host.endsWith(defaultPort)) {
            host = host.substring(0, host.length() - defaultPort.length());
        }
        return scheme + "://" + host;
    }

    /**
     * Whether the request comes from the server's own pages: its Origin equals the server's own
     * origin, or, because {@code Referrer-Policy: no-referrer} makes browsers send
     * {@code Origin: null} on their own POSTs, the Origin is {@code null} and the browser's
     * {@code Sec-Fetch-Site} (which pages cannot set) says {@code same-origin}.
     */
    public static boolean sameOrigin(HttpServletRequest req) {
        String origin = req.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.equals(own(req)) || ("null".equals(o) && "same-origin".equals(req.getHeader("Sec-Fetch-Site")));
    }
}
