package org.blockhost.core.internal.admin;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.blockhost.installer.api.SetupService;
import org.blockhost.installer.api.WizardStep;
import org.blockhost.web.api.Surfaces;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Wizard step {@code /setup/admin-commands}: the {@link AdminAnswers} checked through the setup
 * service (the same checks as the answers file; nothing saved on a bad value), written into core's
 * configuration by {@link AdminCommandsStep} when setup finishes.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(AdminCommandsStepServlet.PATH)
@WizardStep(id = "admin-commands", order = 260, title = "Admin commands")
public final class AdminCommandsStepServlet extends HttpServlet {
    static final String PATH = "/admin-commands";
    private static final long serialVersionUID = 1L;
    private final transient SetupService setup;

    @Activate
    public AdminCommandsStepServlet(@Reference SetupService setup) {
        this.setup = setup;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, String> saved = setup.answers();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(AdminAnswers.ENABLED, saved.getOrDefault(AdminAnswers.ENABLED, "on"));
        values.put(AdminAnswers.PORTS, saved.getOrDefault(AdminAnswers.PORTS, AdminAnswers.DEFAULT_PORTS));
        values.put(AdminAnswers.MAX_TTL, saved.getOrDefault(AdminAnswers.MAX_TTL, AdminAnswers.DEFAULT_TTL));
        write(req, resp, 200, values, Map.of(), false);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(AdminAnswers.ENABLED, "off".equals(req.getParameter("enabled")) ? "off" : "on");
        values.put(AdminAnswers.PORTS, value(req.getParameter("ports")));
        values.put(AdminAnswers.MAX_TTL, value(req.getParameter("maxTtl")));
        Map<String, String> problems = new LinkedHashMap<>(setup.problems(values));
        if (problems.isEmpty()) {
            setup.save(values); // refused after the check: the installer's fence answers it
        }
        write(req, resp, problems.isEmpty() ? 200 : 400, values, problems, problems.isEmpty());
    }

    private static String value(String s) {
        return s == null ? "" : s.strip();
    }

    private static void write(HttpServletRequest req, HttpServletResponse resp, int status, Map<String, String> values,
            Map<String, String> problems, boolean saved) throws IOException {
        Object csrf = req.getAttribute(Surfaces.CSRF_ATTRIBUTE);
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(AdminCommandsPage.render(csrf == null ? "" : csrf.toString(), values, problems, saved));
    }
}
