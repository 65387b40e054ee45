package org.blockhost.core.internal.http;

import java.io.IOException;

import org.blockhost.console.api.PluginInfo;
import org.blockhost.console.api.PluginStatus;
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
 * {@code GET /api/plugins}: engine and provisioner plugins as JSON (kind, id, bundle, version,
 * state, services, failure reason), the same list as {@code blockhost plugins --json}; the failure
 * text only for loopback callers.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.OPS_SELECT)
@HttpWhiteboardServletPattern("/api/plugins")
public final class PluginsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient PluginStatus plugins;

    @Activate
    public PluginsServlet(@Reference PluginStatus plugins) {
        this.plugins = plugins;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean detailed = Boolean.TRUE.equals(req.getAttribute(Surfaces.LOOPBACK_ATTRIBUTE));
        Json.write(resp, 200, detailed ? plugins.plugins() : plugins.plugins().stream().map(PluginsServlet::redacted).toList());
    }

    /** The plugin without its failure text (callers off loopback see only that it failed). */
    static PluginInfo redacted(PluginInfo p) {
        return p.failure().isEmpty() ? p : new PluginInfo(p.kind(), p.id(), p.bundleSymbolicName(), p.bundleVersion(),
                p.bundleId(), p.state(), p.services(), "failed");
    }
}
