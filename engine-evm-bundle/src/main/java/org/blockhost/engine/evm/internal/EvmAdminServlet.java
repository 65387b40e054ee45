package org.blockhost.engine.evm.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.SetupService;
import org.blockhost.installer.api.WizardStep;
import org.blockhost.web.api.Html;
import org.blockhost.web.api.Surfaces;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Wizard step "Plans": the plans created on chain ({@code evm.plans}). POST checks them through
 * the setup service (the same checks as the answers file): a bad value is shown next to the field
 * and nothing is saved. The admin wallet has its own page ({@link EvmWalletServlet}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(EvmAdminServlet.PATH)
@WizardStep(id = "evm-admin", order = 210, title = "Plans")
@EngineId(EvmEngine.ID)
public final class EvmAdminServlet extends HttpServlet {
    static final String PATH = "/evm-admin";
    private static final long serialVersionUID = 1L;
    private final transient SetupService setup;

    @Activate
    public EvmAdminServlet(@Reference SetupService setup) {
        this.setup = setup;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, String> saved = setup.answers();
        page(req, resp, 200, saved.getOrDefault(CreatePlansStep.PLANS, ""), Map.of(), false);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(CreatePlansStep.PLANS, value(req.getParameter("plans")));
        Map<String, String> problems = setup.problems(values);
        if (problems.isEmpty()) {
            setup.save(values);
        }
        page(req, resp, problems.isEmpty() ? 200 : 400, values.get(CreatePlansStep.PLANS), problems, problems.isEmpty());
    }

    private static String value(String s) {
        return s == null ? "" : s.strip();
    }

    static String body(String csrf, String plans, Map<String, String> problems, boolean saved) {
        StringBuilder b = new StringBuilder(2048).append("<p>What buyers can pay for: each plan's name and price.</p>");
        if (saved) {
            b.append("<p class=\"bh-ok\" role=\"status\">Saved. Next: <a href=\"summary\">check the summary</a>.</p>");
        } else if (!problems.isEmpty()) {
            b.append("<p class=\"bh-error\" role=\"alert\">Nothing was saved: correct the fields marked below.</p>");
        }
        b.append("<form method=\"post\" class=\"bh-form\"><input type=\"hidden\" name=\"").append(Surfaces.CSRF_FIELD)
                .append("\" value=\"").append(Html.escape(csrf)).append("\">");
        field(b, "plans", "Plans", "Name and price in US cents per day, comma separated: basic:100,standard:200 is"
                + " 1.00 and 2.00 USD / day.", plans, problems.get(CreatePlansStep.PLANS));
        return b.append("<button type=\"submit\" class=\"bh-primary\">Check and save</button></form>").toString();
    }

    private static void field(StringBuilder b, String name, String label, String hint, String value, String error) {
        b.append("<label for=\"").append(name).append("\">").append(label).append("</label><p class=\"bh-hint\" id=\"")
                .append(name).append("-hint\">").append(Html.escape(hint)).append("</p><input id=\"").append(name)
                .append("\" name=\"").append(name).append("\" spellcheck=\"false\" value=\"").append(Html.escape(value))
                .append("\" aria-describedby=\"").append(name).append("-hint").append(error == null ? "\">" : " " + name
                        + "-error\" aria-invalid=\"true\"><p class=\"bh-field-error\" id=\"" + name + "-error\">"
                        + Html.escape(SetupService.withoutField(error)) + "</p>");
    }

    private static void page(HttpServletRequest req, HttpServletResponse resp, int status, String plans,
            Map<String, String> problems, boolean saved) throws IOException {
        Object token = req.getAttribute(Surfaces.CSRF_ATTRIBUTE);
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width, initial-scale=1\"><title>Plans - BlockHost setup</title>"
                + "<link rel=\"stylesheet\" href=\"/kit/kit.css\"></head><body><header class=\"bh-header\"><a class=\"bh-brand\""
                + " href=\"./\">BlockHost setup</a></header><main class=\"bh-page\"><p><a href=\"./\">All setup steps</a></p>"
                + "<h1>Plans</h1>" + body(token == null ? "" : token.toString(), plans, problems, saved)
                + "</main></body></html>");
    }
}
