package org.blockhost.web.internal.http;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers a servlet registered for {@code /} with one fixed HTML page for the context's root and 404 for any other
 * path (a {@code /} servlet is the context's default: it is asked for every path nothing else claims).
 */
public final class RootPage {

    private RootPage() {
    }

    public static void serve(HttpServletRequest req, HttpServletResponse resp, byte[] page) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (!path.isEmpty() && !"/".equals(path)) {
            resp.sendError(404);
            return;
        }
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(page.length);
        resp.getOutputStream().write(page);
    }
}
