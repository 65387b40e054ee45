package org.blockhost.installer.internal.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.blockhost.installer.api.SetupService;
import org.blockhost.installer.api.WizardStep;
import org.blockhost.installer.internal.network.Interfaces;
import org.blockhost.installer.internal.network.VmBridge;
import org.blockhost.platform.api.RuntimeLayout;
import org.blockhost.rootagent.api.RootAgent;
import org.blockhost.rootagent.api.UplinkAddressing;
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
 * {@code /setup/network/bridge} (linked from the Network page): creates the VM bridge through the
 * root agent's {@code host-bridge-create} (rolled back there when the gateway stops answering; with
 * {@code "addressing":"dhcp"} when ifupdown's file leases the uplink by DHCP), then
 * saves its name as the answer {@value VmBridge#KEY}; nothing is changed when the setup would refuse that answer
 * (a running finalization step reads it). In dev mode the page shows the plan, calls
 * nothing and saves nothing.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(BridgeServlet.PATH)
public final class BridgeServlet extends HttpServlet {
    static final String PATH = "/network/bridge";
    private static final long serialVersionUID = 1L;
    private final transient StepRegistry registry;
    private final transient SetupService setup;
    private final boolean dev;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile RootAgent agent;

    @Activate
    public BridgeServlet(BundleContext context, @Reference StepRegistry registry, @Reference SetupService setup) {
        this.registry = registry;
        this.setup = setup;
        this.dev = RuntimeLayout.from(context::getProperty).dev();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        write(req, resp, 200, Map.of(), Map.of(), null, false);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("uplink", req.getParameter("uplink") == null ? "" : req.getParameter("uplink"));
        form.put("bridge", req.getParameter("bridge") == null ? "" : req.getParameter("bridge"));
        Set<String> devices = Interfaces.list().stream().filter(n -> !n.loopback()).map(Interfaces.Nic::name)
                .collect(Collectors.toSet());
        VmBridge.Result r = VmBridge.parse(form, devices, Interfaces.masters());
        if (r.change().isEmpty()) {
            write(req, resp, 400, form, r.problems(), null, false);
            return;
        }
        VmBridge b = r.change().get();
        String problem = dev ? null : setup.problems(Map.of(VmBridge.KEY, b.bridge())).get(VmBridge.KEY);
        if (problem != null) { // e.g. finalization is running the step that reads it: change nothing on the host
            write(req, resp, 400, form, Map.of("bridge", SetupService.withoutField(problem)), null, false);
            return;
        }
        HostChange.Outcome o = HostChange.run(dev, agent, "host-bridge-create", b.params(UplinkAddressing.IFUPDOWN),
                b.plan(UplinkAddressing.IFUPDOWN),
                "Created, and the gateway answers", "Not created: the gateway did not answer through the bridge or the change"
                + " was refused.");
        if (o.applied()) {
            setup.save(Map.of(VmBridge.KEY, b.bridge())); // refused after the check: the installer's fence answers it
        }
        write(req, resp, o.status(), form, Map.of(), o.sentence(), o.ok());
    }

    private void write(HttpServletRequest req, HttpServletResponse resp, int status, Map<String, String> entered,
            Map<String, String> problems, String outcome, boolean ok) throws IOException {
        String body = BridgePage.body(new BridgePage.View(WizardPage.csrf(req), Interfaces.list(), entered, problems, outcome, ok,
                dev, setup.answers().get(VmBridge.KEY)));
        WizardPage.write(resp, status, WizardPage.frame(req.getContextPath(), registry.steps(), "network", "VM bridge", body, null));
    }
}
