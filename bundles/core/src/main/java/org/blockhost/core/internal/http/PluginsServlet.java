package org.blockhost.core.internal.http;

import java.io.IOException;

import org.blockhost.console.api.PluginStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/plugins}: engine and provisioner plugins as JSON (kind, id, bundle, version,
 * state, services, failure reason), the same list as {@code blockhost plugins --json}.
 */
@Component(service = Servlet.class)
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
        Json.write(resp, 200, plugins.plugins());
    }
}
