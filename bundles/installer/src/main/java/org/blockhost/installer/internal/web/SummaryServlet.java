package org.blockhost.installer.internal.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.blockhost.console.api.PluginStatus;
import org.blockhost.installer.api.SetupService;
import org.blockhost.installer.api.SummarySection;
import org.blockhost.installer.api.WizardStep;
import org.blockhost.web.api.Html;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /setup/summary}: every answer, in the sections the engine and the provisioner contribute
 * ({@link SummarySection}, calls fenced), each with a link back to its page; POST confirms and
 * starts finalization, then shows its progress.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/summary")
@WizardStep(id = "summary", order = 900, title = "Summary")
public final class SummaryServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient StepRegistry registry;
    private final transient SetupService setup;
    private final transient BackgroundRun run;
    private final transient PluginStatus plugins;
    private final transient Map<ServiceReference<SummarySection>, SummarySection> sections = new ConcurrentHashMap<>();

    @Activate
    public SummaryServlet(@Reference StepRegistry registry, @Reference SetupService setup, @Reference BackgroundRun run,
            @Reference PluginStatus plugins) {
        this.registry = registry;
        this.setup = setup;
        this.run = run;
        this.plugins = plugins;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSection(SummarySection section, ServiceReference<SummarySection> ref) {
        sections.put(ref, section);
    }

    void removeSection(SummarySection section, ServiceReference<SummarySection> ref) {
        sections.remove(ref);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String base = req.getContextPath();
        StringBuilder body = new StringBuilder("<p>Check every answer before setup finishes. Each one links back to the"
                + " page where you can change it.</p>");
        List<String> shown = sectionsHtml(base, setup.answers(), body);
        if (shown.isEmpty()) {
            body.append("<p class=\"bh-info\">No engine or provisioner describes its answers yet. Saved answers:</p>");
            table(body, base, "Saved answers", new TreeMap<>(setup.answers()).entrySet().stream()
                    .map(e -> new SummarySection.Entry(e.getKey(), e.getValue(), "/")).toList());
        }
        body.append("<form method=\"post\" class=\"bh-form\">").append(WizardPage.csrf(req))
                .append("<p class=\"bh-hint\">Finishing deploys the contracts, mints the admin credential and prepares"
                        + " the VM template. It takes a few minutes; you can follow every step.</p>")
                .append("<button type=\"submit\" class=\"bh-primary\">Confirm and finish setup</button></form>");
        WizardPage.write(resp, 200, WizardPage.frame(base, registry.steps(), "summary", "Summary", body.toString(), null));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        run.start();
        resp.sendRedirect(req.getContextPath() + FinalizationPageServlet.PATH);
    }

    private List<String> sectionsHtml(String base, Map<String, String> answers, StringBuilder body) {
        List<Map.Entry<ServiceReference<SummarySection>, SummarySection>> all = new ArrayList<>(sections.entrySet());
        all.sort(Comparator.comparingInt(e -> order(e.getKey(), e.getValue())));
        List<String> shown = new ArrayList<>();
        for (Map.Entry<ServiceReference<SummarySection>, SummarySection> e : all) {
            try {
                String title = e.getValue().title();
                List<SummarySection.Entry> entries = e.getValue().entries(answers);
                body.append("<section><h2>").append(Html.escape(title)).append("</h2>");
                table(body, base, title, entries);
                body.append("</section>");
                shown.add(title);
            } catch (RuntimeException ex) {
                plugins.reportFailure(e.getKey().getBundle().getBundleId(), "summary section", ex);
            }
        }
        return shown;
    }

    private int order(ServiceReference<SummarySection> ref, SummarySection section) {
        try {
            return section.order();
        } catch (RuntimeException ex) {
            plugins.reportFailure(ref.getBundle().getBundleId(), "summary section order", ex);
            return Integer.MAX_VALUE;
        }
    }

    private static void table(StringBuilder body, String base, String title, List<SummarySection.Entry> entries) {
        body.append("<div class=\"bh-table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"").append(Html.escape(title))
                .append("\"><table><thead><tr><th scope=\"col\">Setting</th><th scope=\"col\">Value</th>"
                + "<th scope=\"col\"><span class=\"bh-hint\">Change</span></th></tr></thead><tbody>");
        for (SummarySection.Entry e : entries) {
            body.append("<tr><th scope=\"row\">").append(Html.escape(e.label())).append("</th><td><code>")
                    .append(Html.escape(e.value().isEmpty() ? "(not set)" : e.value())).append("</code></td><td><a href=\"")
                    .append(Html.escape(base + e.editPath())).append("\" aria-label=\"Edit ").append(Html.escape(e.label()))
                    .append("\">Edit</a></td></tr>");
        }
        body.append("</tbody></table></div>");
    }
}
