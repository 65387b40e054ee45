package org.blockhost.admin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

import org.blockhost.web.api.Surfaces;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The console pages' ES modules ({@code /admin/assets/NAME.js}), the bundled libraries' styles
 * ({@code NAME.css}) and their licences ({@code THIRD-PARTY-LICENSES.txt}) from this bundle, behind the admin
 * session like the pages. (A whiteboard resource would be looked up through the admin context,
 * which belongs to bundle {@code web}.) Only plain file names are served.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern("/assets/*")
public final class ConsoleAssets extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final Pattern NAME = Pattern.compile("/[a-z][a-z0-9-]{0,40}\\.(js|css)|/THIRD-PARTY-LICENSES\\.txt");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getPathInfo();
        InputStream in = name != null && NAME.matcher(name).matches()
                ? ConsoleAssets.class.getResourceAsStream("/assets" + name) : null;
        if (in == null) {
            Api.error(resp, 404, "Not found.");
            return;
        }
        try (in) {
            resp.setContentType(name.endsWith(".js") ? "text/javascript;charset=utf-8"
                    : name.endsWith(".css") ? "text/css;charset=utf-8" : "text/plain;charset=utf-8");
            resp.setHeader("Cache-Control", "no-cache");
            in.transferTo(resp.getOutputStream());
        }
    }
}
