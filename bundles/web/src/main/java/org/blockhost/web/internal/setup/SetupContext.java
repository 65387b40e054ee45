package org.blockhost.web.internal.setup;

import java.io.IOException;

import org.blockhost.web.internal.surface.SurfaceContext;
import org.blockhost.web.internal.surface.WebPolicy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The setup surface at {@code /setup}: only with a setup session, which entering the setup code
 * starts ({@code /setup/login}). Registered only while the gate is open.
 */
final class SetupContext extends SurfaceContext {
    static final String SURFACE = "setup";

    SetupContext(WebPolicy policy) {
        super(policy);
    }

    @Override
    protected boolean admit(HttpServletRequest req, HttpServletResponse resp, boolean loopback) throws IOException {
        Boolean signedIn = ifSession(req, resp, SURFACE);
        if (signedIn != null) {
            return signedIn;
        }
        String path = inner(req);
        if (SetupLoginServlet.PATH.equals(path)) {
            return true;
        }
        if ("GET".equals(req.getMethod()) && !path.contains("/api/")) {
            resp.setStatus(303);
            resp.setHeader("Location", req.getContextPath() + SetupLoginServlet.PATH);
            return false;
        }
        return refuse(req, resp, 401, "Enter the setup code first.");
    }
}
