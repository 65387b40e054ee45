package org.blockhost.web.internal.http;

import jakarta.servlet.http.HttpServletResponse;

/** The security headers every response carries. */
public final class Headers {
    /** No inline script, no framing, nothing from elsewhere. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    public static final String HSTS = "max-age=31536000";

    private Headers() {
    }

    public static void apply(HttpServletResponse resp, boolean secure) {
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Frame-Options", "DENY");
        if (secure) {
            resp.setHeader("Strict-Transport-Security", HSTS);
        }
    }
}
