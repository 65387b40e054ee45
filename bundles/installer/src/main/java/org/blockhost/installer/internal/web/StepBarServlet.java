package org.blockhost.installer.internal.web;

import java.io.IOException;
import java.util.List;

import org.blockhost.installer.api.FinalizationStatus;
import org.blockhost.installer.api.WizardStep;
import org.blockhost.installer.internal.finalize.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.blockhost.web.api.Html;
import org.blockhost.web.api.TlsEndpoint;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The wizard's start page with the step bar built from the step servlets registered now
 * ({@code /setup/}), and the same list as JSON ({@code /setup/api/steps}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern({"/", "/api/steps"})
public final class StepBarServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient StepRegistry registry;
    private final transient FinalizationStatus finalization;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile TlsEndpoint tls;

    @Activate
    public StepBarServlet(@Reference StepRegistry registry, @Reference FinalizationStatus finalization) {
        this.registry = registry;
        this.finalization = finalization;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<StepRegistry.Step> steps = registry.steps();
        if ("/api/steps".equals(req.getServletPath())) {
            Json.write(resp, 200, steps.stream().map(s -> java.util.Map.of("id", s.id(), "title", s.title(),
                    "order", s.order(), "url", req.getContextPath() + s.path())).toList());
            return;
        }
        if (!"/".equals(req.getServletPath()) || (req.getPathInfo() != null && !"/".equals(req.getPathInfo()))) {
            resp.sendError(404);
            return;
        }
        resp.setContentType("text/html;charset=utf-8");
        TlsEndpoint https = tls;
        resp.getWriter().write(page(req.getContextPath(), steps, finalization.complete(),
                https == null ? null : https.fingerprint()));
    }

    static String page(String base, List<StepRegistry.Step> steps, boolean complete, String fingerprint) {
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>BlockHost setup</title><link rel=\"stylesheet\" href=\"/kit/kit.css\"></head><body>"
                + "<header class=\"bh-header\"><span class=\"bh-brand\">BlockHost setup</span></header>"
                + "<main class=\"bh-page\"><h1>Set up this host</h1><p>Work through the steps in order; each one "
                + "checks what you enter before it is saved.</p>"
                + "<nav aria-label=\"Setup steps\"><ol id=\"steps\" class=\"bh-steps\">");
        for (StepRegistry.Step step : steps) {
            html.append("<li data-step=\"").append(Html.escape(step.id())).append("\"><a href=\"")
                    .append(Html.escape(base + step.path())).append("\">").append(Html.escape(step.title()))
                    .append("</a></li>");
        }
        html.append("</ol></nav>");
        if (steps.isEmpty()) {
            html.append("<p>No setup steps are available: install an engine and a provisioner plugin.</p>");
        }
        if (fingerprint != null) {
            html.append("<p>This connection's certificate has the SHA-256 fingerprint <code>").append(Html.escape(fingerprint))
                    .append("</code>. It must match the one <code>blockhost status</code> prints on the server.</p>");
        }
        html.append("<p>When every page is filled in, <a href=\"").append(Html.escape(base))
                .append("/summary\">check the summary</a> and finish. Finalization: <a href=\"").append(Html.escape(base))
                .append("/finalization\">").append(complete ? "complete" : "not complete").append("</a></p></main></body></html>");
        return html.toString();
    }
}
