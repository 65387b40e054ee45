package org.blockhost.web.internal.setup;

import java.io.IOException;

import org.blockhost.web.api.Surfaces;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /setup/api/session}: {@code {"csrf": "…"}}, the token the wizard's scripts send in
 * {@code X-CSRF-Token} (the context answers 401 without a setup session).
 */
final class SetupSessionServlet extends HttpServlet {
    static final String PATH = "/api/session";
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object csrf = req.getAttribute(Surfaces.CSRF_ATTRIBUTE);
        if (csrf == null) {
            resp.sendError(401);
            return;
        }
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write("{\"csrf\":\"" + csrf + "\"}");
    }
}
