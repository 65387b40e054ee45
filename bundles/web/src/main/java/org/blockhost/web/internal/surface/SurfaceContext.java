package org.blockhost.web.internal.surface;

import java.io.IOException;
import java.net.URI;

import org.blockhost.web.api.Surfaces;
import org.blockhost.web.internal.http.ErrorPages;
import org.blockhost.web.internal.http.Headers;
import org.blockhost.web.internal.http.Net;
import org.blockhost.web.internal.http.Origins;
import org.blockhost.web.internal.session.Session;
import org.blockhost.web.internal.session.SessionStore;
import org.osgi.service.servlet.context.ServletContextHelper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The rules every surface shares, in {@code handleSecurity}: security headers, the Host allow-list,
 * per-client rate limits (429 + {@code Retry-After}), plain HTTP redirected to HTTPS, same Origin on
 * state changes; then the surface's own rule.
 */
public abstract class SurfaceContext extends ServletContextHelper {
    protected final WebPolicy policy;

    protected SurfaceContext(WebPolicy policy) {
        this.policy = policy;
    }

    @Override
    public final boolean handleSecurity(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean loopback = Net.loopback(req.getRemoteAddr());
        Headers.apply(resp, req.isSecure());
        if (!policy.hosts().allowed(req.getHeader("Host"), loopback)) {
            return refuse(req, resp, 421, "This server does not answer to that host name.");
        }
        long wait = policy.rateLimits().check(req);
        if (wait > 0) {
            resp.setHeader("Retry-After", Long.toString(wait));
            return refuse(req, resp, 429, "Too many requests from your address. Wait " + wait
                    + (wait == 1 ? " second" : " seconds") + " and try again.");
        }
        if (!req.isSecure() && policy.tls().isPresent() && !plainAllowed(req, loopback)) {
            redirectToHttps(req, resp);
            return false;
        }
        if (Origins.stateChanging(req) && !Origins.sameOrigin(req)) {
            return refuse(req, resp, 403, "Cross-site request refused: send it from this site's own pages.");
        }
        return admit(req, resp, loopback);
    }

    /** The surface's own rule; answers the request itself when it returns false. */
    protected abstract boolean admit(HttpServletRequest req, HttpServletResponse resp, boolean loopback)
            throws IOException;

    /** Whether this request may be served over plain HTTP (default: never once HTTPS serves). */
    protected boolean plainAllowed(HttpServletRequest req, boolean loopback) {
        return false;
    }

    /** The path below this context (request URI without the context path). */
    protected static String inner(HttpServletRequest req) {
        String uri = req.getRequestURI();
        String ctx = req.getContextPath();
        return ctx != null && uri.startsWith(ctx) ? uri.substring(ctx.length()) : uri;
    }

    /**
     * The rules for a caller with a session of this surface ({@link #withSession}); null when the
     * caller has none (the surface decides).
     */
    protected final Boolean ifSession(HttpServletRequest req, HttpServletResponse resp, String surface)
            throws IOException {
        java.util.Optional<Session> session = policy.sessions().find(req, surface);
        return session.isPresent() ? withSession(req, resp, session.get()) : null;
    }

    /**
     * A request with a session of this surface: publishes its CSRF token and subject as request
     * attributes and, for state changes, demands the token in the header or the form field.
     */
    protected final boolean withSession(HttpServletRequest req, HttpServletResponse resp, Session s) throws IOException {
        req.setAttribute(Surfaces.CSRF_ATTRIBUTE, s.csrf());
        req.setAttribute(Surfaces.SUBJECT_ATTRIBUTE, s.subject());
        if (Origins.stateChanging(req)) {
            String token = req.getHeader(Surfaces.CSRF_HEADER);
            if (token == null) {
                token = req.getParameter(Surfaces.CSRF_FIELD);
            }
            if (!SessionStore.csrfMatches(s, token)) {
                return refuse(req, resp, 403, "The form expired or did not come from this site: reload the page and try again.");
            }
        }
        return true;
    }

    protected static boolean refuse(HttpServletRequest req, HttpServletResponse resp, int status, String message)
            throws IOException {
        ErrorPages.write(req, resp, status, message);
        return false;
    }

    private void redirectToHttps(HttpServletRequest req, HttpServletResponse resp) {
        int port = URI.create(policy.tls().orElseThrow().httpsUrl()).getPort();
        String host = Net.hostOf(req.getHeader("Host")).orElse("localhost");
        String authority = (host.contains(":") ? "[" + host + "]" : host) + (port == 443 || port < 0 ? "" : ":" + port);
        String query = req.getQueryString() == null ? "" : "?" + req.getQueryString();
        resp.setStatus(308);
        resp.setHeader("Location", "https://" + authority + req.getRequestURI() + query);
    }
}
