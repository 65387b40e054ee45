package org.blockhost.web.internal.admin;

import java.io.IOException;

import org.blockhost.web.api.Surfaces;
import org.blockhost.web.internal.http.ErrorPages;
import org.blockhost.web.internal.surface.AdminContext;
import org.blockhost.web.internal.surface.WebPolicy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /admin/api/session} → {@code {"address","csrf"}} of the signed-in admin (the context
 * answers 401 without a session); {@code POST /admin/api/logout} ends the session (204).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern({"/api/session", "/api/logout"})
public final class AdminSessionServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient WebPolicy policy;

    @Activate
    public AdminSessionServlet(@Reference WebPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object address = req.getAttribute(Surfaces.SUBJECT_ATTRIBUTE);
        Object csrf = req.getAttribute(Surfaces.CSRF_ATTRIBUTE);
        if (!"/api/session".equals(req.getServletPath()) || address == null || csrf == null) {
            ErrorPages.write(req, resp, 404, "Not found.");
            return;
        }
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write("{\"address\":\"" + address + "\",\"csrf\":\"" + csrf + "\"}");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"/api/logout".equals(req.getServletPath())) {
            ErrorPages.write(req, resp, 405, "Use GET.");
            return;
        }
        policy.sessions().end(req, resp, AdminContext.SURFACE, req.getContextPath());
        resp.setStatus(204);
    }
}
