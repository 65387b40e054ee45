package org.blockhost.web.internal.setup;

import java.io.IOException;

import org.blockhost.web.internal.http.ErrorPages;
import org.blockhost.web.api.Html;
import org.blockhost.web.internal.session.SessionStore;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /setup/login}: GET shows the code form; POST {@code code=…} checks it and starts a setup
 * session (303 to the wizard) or shows the form again with what went wrong.
 */
final class SetupLoginServlet extends HttpServlet {
    static final String PATH = "/login";
    private static final long serialVersionUID = 1L;
    private final transient SetupGateImpl gate;
    private final transient SessionStore sessions;

    SetupLoginServlet(SetupGateImpl gate, SessionStore sessions) {
        this.gate = gate;
        this.sessions = sessions;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        form(resp, 200, "");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        SetupCodes.Outcome outcome = gate.check(req.getParameter("code"));
        if (!outcome.ok()) {
            form(resp, 401, outcome.reason() + ".");
            return;
        }
        try {
            sessions.start(req, resp, SetupContext.SURFACE, req.getContextPath(), "operator");
        } catch (IllegalStateException e) {
            ErrorPages.write(req, resp, 503, "Too many open sessions; try again later.");
            return;
        }
        resp.setStatus(303);
        resp.setHeader("Location", req.getContextPath() + "/");
    }

    private static void form(HttpServletResponse resp, int status, String error) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(page(error));
    }

    static String page(String error) {
        String alert = error.isEmpty() ? "" : "<p class=\"bh-error\" role=\"alert\" id=\"code-error\">" + Html.escape(error) + "</p>";
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>Setup code - BlockHost</title>"
                + "<link rel=\"stylesheet\" href=\"/kit/kit.css\"></head><body><main class=\"bh-page\">"
                + "<h1>Enter the setup code</h1><p>The setup code is shown on this server's console. "
                + "On the server, <code>blockhost setup code</code> prints a new one.</p>" + alert
                + "<form method=\"post\" class=\"bh-form\"><label for=\"code\">Setup code</label>"
                + "<input id=\"code\" name=\"code\" autocomplete=\"one-time-code\" autocapitalize=\"characters\" "
                + "spellcheck=\"false\" maxlength=\"12\" required" + (error.isEmpty() ? "" : " aria-describedby=\"code-error\"")
                + "><button type=\"submit\" class=\"bh-button bh-primary\">Continue</button></form></main></body></html>";
    }
}
