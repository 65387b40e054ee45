package org.blockhost.installer.internal.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.blockhost.installer.api.WizardStep;
import org.blockhost.installer.internal.network.InterfaceChange;
import org.blockhost.installer.internal.network.Interfaces;
import org.blockhost.platform.api.RuntimeLayout;
import org.blockhost.rootagent.api.RootAgent;
import org.osgi.framework.BundleContext;
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
 * {@code /setup/network/interfaces} (linked from the Network page): DHCP or a static IPv4 address for
 * one interface, checked here ({@link InterfaceChange}) and applied by the root agent's
 * {@code host-net-dhcp} or {@code host-net-apply}, which roll back when the gateway stops answering. In dev mode the page
 * shows the plan and applies nothing (the agent is not called).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(InterfacesServlet.PATH)
public final class InterfacesServlet extends HttpServlet {
    static final String PATH = "/network/interfaces";
    private static final long serialVersionUID = 1L;
    private final transient StepRegistry registry;
    private final boolean dev;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile RootAgent agent;

    @Activate
    public InterfacesServlet(BundleContext context, @Reference StepRegistry registry) {
        this.registry = registry;
        this.dev = RuntimeLayout.from(context::getProperty).dev();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        write(req, resp, 200, Map.of(), Map.of(), null, false);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        for (String f : List.of("device", "mode", "address", "prefix", "gateway", "dns")) {
            form.put(f, req.getParameter(f) == null ? "" : req.getParameter(f));
        }
        Set<String> devices = Interfaces.list().stream().filter(n -> !n.loopback()).map(Interfaces.Nic::name)
                .collect(Collectors.toSet());
        InterfaceChange.Result r = InterfaceChange.parse(form, devices);
        if (r.change().isEmpty()) {
            write(req, resp, 400, form, r.problems(), null, false);
            return;
        }
        InterfaceChange change = r.change().get();
        HostChange.Outcome o = HostChange.run(dev, agent, change.action(), change.params(), change.plan(),
                "Applied, and the gateway answers", "Not applied: no DHCP lease came, the gateway did not answer, or the change"
                + " was refused.");
        write(req, resp, o.status(), form, Map.of(), o.sentence(), o.ok());
    }

    private void write(HttpServletRequest req, HttpServletResponse resp, int status, Map<String, String> entered,
            Map<String, String> problems, String outcome, boolean ok) throws IOException {
        String body = InterfacesPage.body(new InterfacesPage.View(WizardPage.csrf(req), Interfaces.list(), entered, problems,
                outcome, ok, dev));
        WizardPage.write(resp, status, WizardPage.frame(req.getContextPath(), registry.steps(), "network",
                "Interface address", body, null));
    }
}
