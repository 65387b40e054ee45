package org.blockhost.admin.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.blockhost.console.api.PluginInfo;
import org.blockhost.console.api.PluginStatus;
import org.blockhost.platform.api.RuntimeLayout;
import org.blockhost.web.api.Surfaces;
import org.osgi.framework.BundleContext;
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
 * {@code GET /admin/api/plugins}: {@code {"pluginsDir", "plugins": [{kind, id, state, bundle,
 * version, bundleId, services, failure}]}} (the admin sees failure text: the console is the place
 * to read it).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern("/api/plugins")
public final class PluginsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient PluginStatus plugins;
    private final String pluginsDir;

    @Activate
    public PluginsServlet(@Reference PluginStatus plugins, BundleContext context) {
        this.plugins = plugins;
        this.pluginsDir = RuntimeLayout.from(context::getProperty).pluginsDir().toString();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Api.send(resp, 200, Map.of("pluginsDir", pluginsDir, "plugins", plugins.plugins().stream().map(PluginsServlet::row).toList()));
    }

    static Map<String, Object> row(PluginInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", p.kind().name().toLowerCase(Locale.ROOT));
        m.put("id", p.id());
        m.put("state", p.state().name().toLowerCase(Locale.ROOT));
        m.put("bundle", p.bundleSymbolicName());
        m.put("version", p.bundleVersion());
        m.put("bundleId", p.bundleId());
        m.put("services", p.services());
        m.put("failure", p.failure());
        return m;
    }
}
