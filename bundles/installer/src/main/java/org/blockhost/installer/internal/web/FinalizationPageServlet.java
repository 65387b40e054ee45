package org.blockhost.installer.internal.web;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.blockhost.installer.api.AccessKeyRequest;
import org.blockhost.installer.api.FinalizationStatus.StepStatus;
import org.blockhost.installer.api.SetupService;
import org.blockhost.installer.api.WizardStep;
import org.blockhost.installer.internal.finalize.FinalizationRunner;
import org.blockhost.web.api.TlsEndpoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /setup/finalization}: each step's state, duration and safe error, kept live by
 * {@code assets/finalization.js} polling {@code /setup/api/finalization}; POST starts the run,
 * retries the failed step, or saves the admin access key (checked by the setup service first:
 * a bad value is shown inline and nothing is saved). When setup completes the page shows where
 * to go next ({@code /admin/}, {@code /}) and the certificate's fingerprint.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(FinalizationPageServlet.PATH)
@WizardStep(id = "finalization", order = 950, title = "Finish")
public final class FinalizationPageServlet extends HttpServlet {
    static final String PATH = "/finalization";
    private static final long serialVersionUID = 1L;
    private final transient StepRegistry registry;
    private final transient FinalizationRunner runner;
    private final transient SetupService setup;
    private final transient BackgroundRun run;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile TlsEndpoint tls;

    @Activate
    public FinalizationPageServlet(@Reference StepRegistry registry, @Reference FinalizationRunner runner,
            @Reference SetupService setup, @Reference BackgroundRun run) {
        this.registry = registry;
        this.runner = runner;
        this.setup = setup;
        this.run = run;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        page(req, resp, 200, Map.of(), Map.of());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String action = String.valueOf(req.getParameter("action"));
        if ("access-key".equals(action)) {
            Optional<AccessKeyRequest> request = setup.accessKeyRequest();
            if (request.isEmpty()) {
                page(req, resp, 409, Map.of("", "No engine asks for an admin access key now."), Map.of());
                return;
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put(request.get().walletKey(), trimmed(req.getParameter("wallet")));
            values.put(request.get().accessKeyKey(), trimmed(req.getParameter("accessKey")));
            Map<String, String> problems = setup.problems(values);
            if (!problems.isEmpty()) {
                page(req, resp, 400, problems, values);
                return;
            }
            setup.save(values); // refused after the check: the installer's fence answers it (SetupChangedAnswer)
        } else if ("retry".equals(action) && runner.steps().stream().noneMatch(s -> s.id().equals(req.getParameter("step")))) {
            page(req, resp, 400, Map.of("", "That step does not exist (any more): reload the page."), Map.of());
            return;
        } else if (!"retry".equals(action) && !"start".equals(action)) {
            page(req, resp, 400, Map.of("", "Unknown action: reload the page."), Map.of());
            return;
        }
        run.start();
        resp.sendRedirect(req.getContextPath() + PATH);
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }

    private void page(HttpServletRequest req, HttpServletResponse resp, int status, Map<String, String> errors,
            Map<String, String> entered) throws IOException {
        List<StepStatus> steps = runner.steps();
        Map<String, Long> durations = new HashMap<>();
        steps.forEach(s -> runner.duration(s.id()).ifPresent(d -> durations.put(s.id(), d.toMillis())));
        TlsEndpoint https = tls;
        FinalizationPage.View view = new FinalizationPage.View(steps, durations, run.running(), runner.complete(),
                setup.accessKeyRequest(), errors, entered, https == null ? null : https.fingerprint(), WizardPage.csrf(req),
                req.getContextPath(), FinalizationPage.progress(runner.published()));
        WizardPage.write(resp, status, WizardPage.frame(req.getContextPath(), registry.steps(), "finalization",
                "Finish setup", FinalizationPage.body(view), "/assets/finalization.js"));
    }
}
