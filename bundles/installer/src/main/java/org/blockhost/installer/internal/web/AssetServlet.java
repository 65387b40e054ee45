package org.blockhost.installer.internal.web;

import java.io.IOException;
import java.io.InputStream;

import org.blockhost.installer.api.WizardStep;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The installer pages' ES modules ({@code /setup/assets/NAME.js}), from a fixed list in the bundle. */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/assets/*")
public final class AssetServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final java.util.Set<String> FILES = java.util.Set.of("/finalization.js");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getPathInfo();
        if (name == null || !FILES.contains(name)) {
            resp.sendError(404);
            return;
        }
        try (InputStream in = AssetServlet.class.getResourceAsStream("/assets" + name)) {
            if (in == null) {
                resp.sendError(404);
                return;
            }
            resp.setContentType("text/javascript;charset=utf-8");
            resp.setHeader("Cache-Control", "no-store");
            in.transferTo(resp.getOutputStream());
        }
    }
}
