package org.blockhost.installer.internal.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.blockhost.installer.api.SetupService;
import org.blockhost.installer.api.WizardStep;
import org.blockhost.installer.internal.network.Interfaces;
import org.blockhost.installer.internal.network.PublicHost;
import org.blockhost.platform.api.RuntimeLayout;
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
 * {@code /setup/network}: one question, the public host name or address buyers connect to (answer
 * {@value PublicHost#KEY}, checked by the setup service like the answers file; nothing saved on bad
 * input), with this machine's interfaces shown read-only.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(NetworkServlet.PATH)
@WizardStep(id = "network", order = 100, title = "Network")
public final class NetworkServlet extends HttpServlet {
    static final String PATH = "/network";
    private static final long serialVersionUID = 1L;
    private final transient StepRegistry registry;
    private final transient SetupService setup;
    private final boolean dev;

    @Activate
    public NetworkServlet(BundleContext context, @Reference StepRegistry registry, @Reference SetupService setup) {
        this.registry = registry;
        this.setup = setup;
        this.dev = RuntimeLayout.from(context::getProperty).dev();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String host = setup.answers().getOrDefault(PublicHost.KEY, "");
        write(req, resp, 200, NetworkPage.body(WizardPage.csrf(req), host, null, false, dev, Interfaces.list()));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String raw = req.getParameter("publicHost");
        String host = raw == null ? "" : PublicHost.canonical(raw);
        Map<String, String> values = Map.of(PublicHost.KEY, host);
        Map<String, String> problems = host.isEmpty() ? Map.of(PublicHost.KEY, PublicHost.problem(host, dev).orElseThrow())
                : setup.problems(values);
        boolean saved = problems.isEmpty();
        if (saved) {
            setup.save(values); // refused after the check: the installer's fence answers it (SetupChangedAnswer)
        }
        write(req, resp, saved ? 200 : 400, NetworkPage.body(WizardPage.csrf(req), raw == null ? "" : raw,
                problems.get(PublicHost.KEY), saved, dev, Interfaces.list()));
    }

    private void write(HttpServletRequest req, HttpServletResponse resp, int status, String body) throws IOException {
        List<StepRegistry.Step> steps = registry.steps();
        WizardPage.write(resp, status, WizardPage.frame(req.getContextPath(), steps, "network", "Network", body, null));
    }
}
