package org.blockhost.web.internal.http;

import java.net.InetAddress;
import java.util.Set;
import java.util.function.LongSupplier;

import org.blockhost.web.api.ClientAddress;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Per-client rate limits on what costs work: state changes (POST, ...) and {@code /api/public/*}
 * share one token bucket per client; the sign-in endpoints ({@code /admin/api/nonce},
 * {@code /admin/api/login}, {@code /setup/login}, any method) have their own, tighter one. A client
 * is {@link ClientAddress#key}: its IPv4 address, or the /64 of its IPv6 address (one host usually holds a whole /64).
 * Exempt: the configured addresses and, in dev mode, loopback.
 */
public final class RateLimits {
    static final Set<String> SIGN_IN = Set.of("/admin/api/nonce", "/admin/api/login", "/setup/login");

    /** The limits; rates are per minute. */
    public record Settings(int perMinute, int burst, int signInPerMinute, int signInBurst, int maxClients,
            Set<String> exempt, boolean exemptLoopback) {
    }

    private final TokenBuckets general;
    private final TokenBuckets signIn;
    private final Settings settings;

    public RateLimits(Settings s, LongSupplier nanos) {
        this.settings = s;
        this.general = new TokenBuckets(s.perMinute(), s.burst(), s.maxClients(), nanos);
        this.signIn = new TokenBuckets(s.signInPerMinute(), s.signInBurst(), s.maxClients(), nanos);
    }

    /** 0 when the request may go ahead, else the seconds to wait (for {@code Retry-After}). */
    public long check(HttpServletRequest req) {
        String path = req.getContextPath() + nonNull(req.getServletPath()) + nonNull(req.getPathInfo());
        return check(req.getMethod(), path.isEmpty() ? nonNull(req.getRequestURI()) : path, req.getRemoteAddr());
    }

    long check(String method, String path, String remoteAddr) {
        boolean signInPath = SIGN_IN.contains(path);
        if (!signInPath && !path.startsWith("/api/public/") && !Origins.stateChanging(method)) {
            return 0;
        }
        InetAddress peer = ClientAddress.literal(remoteAddr).orElse(null);
        if (peer != null && (settings.exempt().contains(peer.getHostAddress())
                || (settings.exemptLoopback() && peer.isLoopbackAddress()))) {
            return 0;
        }
        return (signInPath ? signIn : general).take(peer == null ? ClientAddress.key(remoteAddr) : ClientAddress.key(peer));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
