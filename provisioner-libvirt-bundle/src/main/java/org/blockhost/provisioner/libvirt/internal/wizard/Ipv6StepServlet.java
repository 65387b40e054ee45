package org.blockhost.provisioner.libvirt.internal.wizard;

import java.io.IOException;
import java.util.LinkedHashMap;
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
 * Wizard step {@code /setup/ipv6}: one question, no IPv6 or a prefix (each VM gets a /128) with the
 * uplink when the prefix is on-link there, saved as the answers {@value Ipv6Answer#KEY} and
 * {@value Ipv6Answer#UPLINK_KEY} through the setup service (the same checks as the answers file;
 * nothing saved on bad input). The template step stores them as {@code ipv6Prefix}/{@code ipv6Uplink}.
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
        Map<String, String> answers = setup.answers();
        String uplink = answers.getOrDefault(Ipv6Answer.UPLINK_KEY, Ipv6Answer.NONE);
        write(req, resp, 200, answers.getOrDefault(Ipv6Answer.KEY, Ipv6Answer.NONE),
                Ipv6Answer.NONE.equalsIgnoreCase(uplink) ? "" : uplink, Map.of(), false);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean none = !"manual".equals(req.getParameter("mode"));
        String value = none ? Ipv6Answer.NONE : param(req, "prefix");
        String uplink = none ? "" : param(req, "uplink");
        Map<String, String> answers = Map.of(Ipv6Answer.KEY, value, Ipv6Answer.UPLINK_KEY,
                uplink.isEmpty() ? Ipv6Answer.NONE : uplink);
        Map<String, String> errors = new LinkedHashMap<>();
        if (value.isEmpty()) {
            errors.put("prefix", Ipv6Answer.problem(value).orElseThrow());
        }
        Map<String, String> problems = setup.problems(answers);
        if (!value.isEmpty() && problems.get(Ipv6Answer.KEY) != null) {
            errors.put("prefix", problems.get(Ipv6Answer.KEY));
        }
        if (problems.get(Ipv6Answer.UPLINK_KEY) != null) {
            errors.put("uplink", problems.get(Ipv6Answer.UPLINK_KEY));
        }
        if (errors.isEmpty()) {
            setup.save(answers); // refused after the check: the installer's fence answers it
        }
        write(req, resp, errors.isEmpty() ? 200 : 400, value, uplink, errors, errors.isEmpty());
    }

    private static String param(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        return v == null ? "" : v.strip();
    }

    private static void write(HttpServletRequest req, HttpServletResponse resp, int status, String value, String uplink,
            Map<String, String> errors, boolean saved) throws IOException {
        Object csrf = req.getAttribute(Surfaces.CSRF_ATTRIBUTE);
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(Ipv6Page.render(csrf == null ? "" : csrf.toString(), value, uplink, errors, saved));
    }
}
