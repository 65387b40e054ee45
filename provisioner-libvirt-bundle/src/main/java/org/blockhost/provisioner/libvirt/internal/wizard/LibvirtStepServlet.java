package org.blockhost.provisioner.libvirt.internal.wizard;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.blockhost.installer.api.WizardAnswers;
import org.blockhost.installer.api.WizardStep;
import org.blockhost.provisioner.api.ProvisionerId;
import org.blockhost.web.api.Surfaces;
import org.blockhost.provisioner.libvirt.internal.LibvirtProvisioner;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Wizard step {@code /setup/libvirt}: GET shows the form with the current configuration, POST
 * validates it and stores it in the provisioner's configuration (400 with per-field messages).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(LibvirtStepServlet.PATH)
@WizardStep(id = "libvirt", order = 200, title = "Virtual machines (libvirt)")
@ProvisionerId(LibvirtProvisioner.ID)
public final class LibvirtStepServlet extends HttpServlet {
    public static final String PATH = "/libvirt";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtStepServlet.class);
    private final transient ConfigWriter config;
    /** The installer's answers, for the VM bridge made on the Network page (absent outside setup). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile WizardAnswers answers;

    @Activate
    public LibvirtStepServlet(@Reference ConfigurationAdmin cm) {
        this.config = new ConfigWriter(cm);
    }

    @Override
    public void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            page(req, resp, 200, config.current(), Map.of(), false);
        } catch (IOException e) {
            LOG.warn("libvirt wizard: cannot read configuration: {}", e.getMessage());
            resp.sendError(500, "configuration unavailable");
        }
    }

    @Override
    public void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        SetupForm.Result r = SetupForm.validate(req::getParameter);
        try {
            if (!r.ok()) {
                page(req, resp, 400, config.current(), r.errors(), false);
                return;
            }
            config.merge(r.properties());
            page(req, resp, 200, config.current(), Map.of(), true);
        } catch (IOException e) {
            LOG.warn("libvirt wizard: cannot store configuration: {}", e.getMessage());
            resp.sendError(500, "configuration could not be stored");
        }
    }

    /** The VM bridge the Network page made, which finalization writes over the network fields. */
    private Optional<String> vmBridge() {
        WizardAnswers a = answers;
        String bridge = a == null ? null : a.answers().get(WizardAnswers.VM_BRIDGE);
        return bridge == null || bridge.isBlank() ? Optional.empty() : Optional.of(bridge);
    }

    private void page(HttpServletRequest req, HttpServletResponse resp, int status, Map<String, Object> current,
            Map<String, String> errors, boolean saved) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        Object csrf = req.getAttribute(Surfaces.CSRF_ATTRIBUTE);
        resp.getWriter().write(StepPage.render(current, errors, saved, csrf == null ? "" : csrf.toString(), vmBridge()));
    }
}
