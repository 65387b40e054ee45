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
        return !SAFE.contains(req.getMethod().toUpperCase(Locale.ROOT));
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

    /** Whether the request's Origin header is present and equal to the server's own origin. */
    public static boolean sameOrigin(HttpServletRequest req) {
        String origin = req.getHeader("Origin");
        return origin != null && origin.trim().toLowerCase(Locale.ROOT).equals(own(req));
    }
}
