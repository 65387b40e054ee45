package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

import org.blockhost.engine.api.ActiveEngine;
import org.blockhost.web.api.Surfaces;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The buyer pages on the public surface: {@code /} (buy; the context's default servlet, anything else
 * it is asked for is 404), {@code /servers}, {@code /sign}, and their
 * bundled scripts and styles under {@code /buyer/*} (resources of this bundle, built by esbuild from
 * {@code web/}). Static files only: everything the pages show comes from the public API and the chain.
 * Registered only while core's {@link ActiveEngine} is this engine: the other engine claims the same public paths.
 */
@Component(service = Servlet.class,
        reference = @Reference(name = "active", service = ActiveEngine.class, target = EvmEngine.ACTIVE))
@HttpWhiteboardContextSelect(Surfaces.PUBLIC_SELECT)
@HttpWhiteboardServletPattern({"/", "/servers", "/sign", "/buyer/*"})
public final class BuyerPagesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> PAGES = Map.of("", "buy.html", "/", "buy.html", "/servers", "servers.html",
            "/sign", "sign.html");
    private static final Pattern ASSET = Pattern.compile("/[A-Za-z0-9-]{1,64}\\.(js|css|txt)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8", "css", "text/css;charset=utf-8", "txt", "text/plain;charset=utf-8");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String file = file(req.getServletPath(), req.getPathInfo());
        InputStream in = file == null ? null : BuyerPagesServlet.class.getResourceAsStream("/buyer/" + file);
        if (in == null) {
            resp.sendError(404);
            return;
        }
        try (in) {
            resp.setContentType(TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
            resp.setHeader("Cache-Control", "no-cache");
            in.transferTo(resp.getOutputStream());
        }
    }

    /** The resource a request names, or null: the three pages and the flat asset names only. */
    static String file(String servletPath, String pathInfo) {
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        if (path.startsWith("/buyer/")) {
            String name = path.substring("/buyer".length());
            return ASSET.matcher(name).matches() ? name.substring(1) : null;
        }
        return PAGES.get(path);
    }
}
