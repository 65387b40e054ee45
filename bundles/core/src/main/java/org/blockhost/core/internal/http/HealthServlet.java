package org.blockhost.core.internal.http;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.blockhost.web.api.Surfaces;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Liveness: 200 as long as the runtime serves HTTP at all. */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.OPS_SELECT)
@HttpWhiteboardServletPattern("/health")
public final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write("ok\n");
    }
}
