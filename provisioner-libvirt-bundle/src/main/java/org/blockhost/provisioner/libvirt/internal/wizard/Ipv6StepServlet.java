package org.blockhost.provisioner.libvirt.internal.wizard;

import java.io.IOException;
import java.util.Map;

import org.blockhost.installer.api.SetupService;
import org.blockhost.installer.api.WizardStep;
import org.blockhost.provisioner.api.ProvisionerId;
import org.blockhost.provisioner.libvirt.internal.LibvirtProvisioner;
import org.blockhost.web.api.Surfaces;
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
 * Wizard step {@code /setup/ipv6}: one question, no IPv6 or a routed prefix (each VM gets a /128),
 * saved as the answer {@value Ipv6Answer#KEY} through the setup service (the same check as the
 * answers file; nothing saved on bad input). The template step stores it as {@code ipv6Prefix}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(Ipv6StepServlet.PATH)
@WizardStep(id = "ipv6", order = 250, title = "IPv6")
@ProvisionerId(LibvirtProvisioner.ID)
public final class Ipv6StepServlet extends HttpServlet {
    public static final String PATH = "/ipv6";
    private static final long serialVersionUID = 1L;
    private final transient SetupService setup;

    @Activate
    public Ipv6StepServlet(@Reference SetupService setup) {
        this.setup = setup;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String saved = setup.answers().getOrDefault(Ipv6Answer.KEY, Ipv6Answer.NONE);
        write(req, resp, 200, saved, null, false);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean none = !"manual".equals(req.getParameter("mode"));
        String prefix = req.getParameter("prefix") == null ? "" : req.getParameter("prefix").strip();
        String value = none ? Ipv6Answer.NONE : prefix;
        String problem = value.isEmpty() ? Ipv6Answer.problem(value).orElseThrow()
                : setup.problems(Map.of(Ipv6Answer.KEY, value)).get(Ipv6Answer.KEY);
        if (problem == null) {
            try {
                setup.save(Map.of(Ipv6Answer.KEY, value));
            } catch (IllegalArgumentException e) { // the registered steps changed since the check
                problem = "the setup steps changed meanwhile; submit again";
            }
        }
        write(req, resp, problem == null ? 200 : 400, value, problem, problem == null);
    }

    private static void write(HttpServletRequest req, HttpServletResponse resp, int status, String value, String error,
            boolean saved) throws IOException {
        Object csrf = req.getAttribute(Surfaces.CSRF_ATTRIBUTE);
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(Ipv6Page.render(csrf == null ? "" : csrf.toString(), value, error, saved));
    }
}
