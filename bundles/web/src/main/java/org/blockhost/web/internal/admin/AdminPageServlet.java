package org.blockhost.web.internal.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.blockhost.web.api.Surfaces;
import org.blockhost.web.internal.http.RootPage;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /admin/}: the admin console's sign-in page (script: {@code /kit/admin-signin.js}). */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern("/")
public final class AdminPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String PAGE = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Admin sign-in - BlockHost</title>"
            + "<link rel=\"stylesheet\" href=\"/kit/kit.css\"><script type=\"module\" src=\"/kit/admin-signin.js\"></script>"
            + "</head><body><header class=\"bh-header\"><span class=\"bh-brand\">BlockHost admin</span></header>"
            + "<main class=\"bh-page\"><h1>Sign in with the admin wallet</h1>"
            + "<p>The admin console is for the wallet that holds the admin credential (token #0). Your wallet will "
            + "ask you to sign a message that proves this. It costs nothing and sends no transaction.</p>"
            + "<button id=\"signin\" type=\"button\" class=\"bh-button bh-primary\">Sign in with your wallet</button>"
            + "<p id=\"status\" role=\"status\" aria-live=\"polite\"></p></main></body></html>";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        RootPage.serve(req, resp, PAGE.getBytes(StandardCharsets.UTF_8));
    }
}
