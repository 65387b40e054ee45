package org.blockhost.web.internal.surface;

import java.io.IOException;

import org.blockhost.web.api.Surfaces;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The ops surface ({@code /health}, {@code /ready}, {@code /metrics}, {@code /api/plugins}):
 * loopback or the allow-list, read-only; plain HTTP stays allowed on loopback.
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = Surfaces.OPS_NAME, path = "/")
public final class OpsContext extends SurfaceContext {

    @Activate
    public OpsContext(@Reference WebPolicy policy) {
        super(policy);
    }

    @Override
    protected boolean plainAllowed(HttpServletRequest req, boolean loopback) {
        return loopback;
    }

    @Override
    protected boolean admit(HttpServletRequest req, HttpServletResponse resp, boolean loopback) throws IOException {
        if (!policy.opsAllowed(req.getRemoteAddr())) {
            return refuse(req, resp, 403, "Monitoring endpoints answer only on loopback or to allowed addresses.");
        }
        if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
            resp.setHeader("Allow", "GET, HEAD");
            return refuse(req, resp, 405, "Monitoring endpoints are read-only.");
        }
        req.setAttribute(Surfaces.LOOPBACK_ATTRIBUTE, loopback);
        return true;
    }
}
