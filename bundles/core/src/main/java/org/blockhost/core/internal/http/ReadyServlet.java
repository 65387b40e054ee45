package org.blockhost.core.internal.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.blockhost.core.internal.plugins.Readiness;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.blockhost.web.api.Surfaces;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Readiness: JSON with the active engine and provisioner; 503 until both are active. Plugin failure
 * text only for loopback callers.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.OPS_SELECT)
@HttpWhiteboardServletPattern("/ready")
public final class ReadyServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Readiness readiness;

    @Activate
    public ReadyServlet(@Reference Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Readiness.View view = readiness.view();
        Json.write(resp, view.ready() ? 200 : 503, body(view, Boolean.TRUE.equals(req.getAttribute(Surfaces.LOOPBACK_ATTRIBUTE))));
    }

    /** The readiness JSON; failure reasons only for loopback callers ({@code reason} is "failed" otherwise). */
    static Map<String, Object> body(Readiness.View view, boolean detailed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", view.ready());
        body.put("engine", view.engines().isEmpty() ? null : view.engines().get(0));
        body.put("provisioner", view.provisioners().isEmpty() ? null : view.provisioners().get(0));
        body.put("missing", view.missing());
        body.put("failed", view.failed().stream()
                .map(p -> Map.of("kind", p.kind().name().toLowerCase(), "id", p.id(), "reason", detailed ? p.failure() : "failed"))
                .toList());
        return body;
    }
}
