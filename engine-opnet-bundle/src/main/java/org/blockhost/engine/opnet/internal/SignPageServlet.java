package org.blockhost.engine.opnet.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.blockhost.engine.api.ActiveEngine;
import org.blockhost.console.api.HostProfile;
import org.blockhost.web.api.Html;
import org.blockhost.web.api.Surfaces;
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
 * The OPNet buyer pages on the public surface: {@code /} (buy: plans, the access key, approval and purchase), {@code
 * /sign} (the SSH login signing page) and {@code /servers} (my servers: the tokens of the OP_WALLET account, their
 * details opened with the access key, re-key), all with OP_WALLET
 * through {@code window.opnet}, and their bundled scripts (with {@code writes.js}, the SDK's contract layer that
 * {@code /servers} imports only when a write starts), style and licences under {@code /opnet-sign/*} (resources
 * of this bundle, built by esbuild from {@code web/}). The page names this host (the profile's public host name,
 * escaped) so it signs only logins for it; headers and CSP come from the public context. As the public context's
 * default servlet ({@code /}) any other path is 404.
 * Registered only while core's {@link ActiveEngine} is this engine: the other engine claims the same public paths.
 */
@Component(service = Servlet.class,
        reference = @Reference(name = "active", service = ActiveEngine.class, target = OpnetEngine.ACTIVE))
@HttpWhiteboardContextSelect(Surfaces.PUBLIC_SELECT)
@HttpWhiteboardServletPattern({"/", "/sign", "/servers", "/opnet-sign/*"})
public final class SignPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> ASSETS = Map.of("/opnet-sign/sign.js", "text/javascript;charset=utf-8",
            "/opnet-sign/servers.js", "text/javascript;charset=utf-8",
            "/opnet-sign/writes.js", "text/javascript;charset=utf-8",
            "/opnet-sign/buy.js", "text/javascript;charset=utf-8",
            "/opnet-sign/sign.css", "text/css;charset=utf-8",
            "/opnet-sign/THIRD-PARTY-LICENSES.txt", "text/plain;charset=utf-8");
    /** Page by request path; the context root arrives as "" or "/" depending on the container. */
    private static final Map<String, String> PAGES = Map.of("", "buy.html", "/", "buy.html", "/sign", "sign.html",
            "/servers", "servers.html");
    private final transient HostProfile host;

    @Activate
    public SignPageServlet(@Reference HostProfile host) {
        this.host = host;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = (req.getServletPath() == null ? "" : req.getServletPath())
                + (req.getPathInfo() == null ? "" : req.getPathInfo());
        resp.setHeader("Cache-Control", "no-cache");
        String html = PAGES.get(path);
        if (html != null) {
            resp.setContentType("text/html;charset=utf-8");
            resp.getOutputStream().write(page(html, host.publicHost()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        String type = ASSETS.get(path);
        InputStream in = type == null ? null : resource(path.substring("/opnet-sign/".length()));
        if (in == null) {
            resp.sendError(404);
            return;
        }
        try (in) {
            resp.setContentType(type);
            in.transferTo(resp.getOutputStream());
        }
    }

    /** The signing page with this host's name in it (escaped). */
    static String page(String publicHost) throws IOException {
        return page("sign.html", publicHost);
    }

    /** A page ({@code sign.html}, {@code servers.html}) with this host's name in it (escaped). */
    static String page(String name, String publicHost) throws IOException {
        try (InputStream in = resource(name)) {
            if (in == null) {
                throw new IOException(name + " is not in the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{host}}", Html.escape(publicHost));
        }
    }

    private static InputStream resource(String name) {
        return SignPageServlet.class.getResourceAsStream("/opnet-sign/" + name);
    }
}
