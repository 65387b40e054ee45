package org.blockhost.provisioner.proxmox.internal.wizard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.blockhost.installer.api.SetupService;
import org.blockhost.installer.api.WizardStep;
import org.blockhost.platform.api.RuntimeLayout;
import org.blockhost.provisioner.api.ProvisionerId;
import org.blockhost.provisioner.proxmox.internal.ProxmoxProvisioner;
import org.blockhost.web.api.Surfaces;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Wizard step {@code /setup/proxmox}: API URL, token id and secret, certificate check; "Check"
 * connects and lists nodes, storages, bridges and missing privileges; "Check and save" writes the
 * secret to {@code <config dir>/keys/proxmox-token.key} (0640) and saves the answers through the
 * setup service (the finalization step's checks). Bad input: 400, the message, nothing saved.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(ProxmoxStepServlet.PATH)
@WizardStep(id = "proxmox", order = 200, title = "Virtual machines (Proxmox VE)")
@ProvisionerId(ProxmoxProvisioner.ID)
public final class ProxmoxStepServlet extends HttpServlet {
    public static final String PATH = "/proxmox";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxStepServlet.class);
    private final transient SetupService setup;
    private final transient Path keyFile;

    @Activate
    public ProxmoxStepServlet(@Reference SetupService setup, BundleContext ctx) {
        this(setup, keyFile(RuntimeLayout.from(ctx::getProperty)));
    }

    ProxmoxStepServlet(SetupService setup, Path keyFile) {
        this.setup = setup;
        this.keyFile = keyFile;
    }

    /** Where the page stores the token secret. */
    public static Path keyFile(RuntimeLayout layout) {
        return layout.configDir().resolve("keys").resolve("proxmox-token.key");
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        setup.answers().forEach((k, v) -> {
            if (ProxmoxForm.fields().contains(k)) {
                values.put(k, v);
            }
        });
        write(req, resp, 200, new ProxmoxPage.View(csrf(req), values, Map.of(), null, Files.isRegularFile(keyFile), false));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean save = "save".equals(req.getParameter("action"));
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : ProxmoxForm.fields()) {
            String v = req.getParameter(f);
            if (v != null && !v.isBlank()) {
                values.put(f, v.strip());
            }
        }
        values.put(ProxmoxForm.SECRET_FILE, keyFile.toString());
        String secret = req.getParameter(WizardCheck.SECRET);
        WizardCheck.Outcome o = WizardCheck.run(values, secret, keyFile, save);
        Map<String, String> errors = new LinkedHashMap<>(o.errors());
        if (save && errors.isEmpty()) {
            errors.putAll(setup.problems(values));
        }
        boolean saved = save && errors.isEmpty() && store(values, secret, errors);
        write(req, resp, errors.isEmpty() ? 200 : 400,
                new ProxmoxPage.View(csrf(req), values, errors, o.choices(), Files.isRegularFile(keyFile), saved));
    }

    /** The secret (when typed) into its key file, then the answers; false with a message when either fails. */
    private boolean store(Map<String, String> values, String secret, Map<String, String> errors) {
        try {
            if (secret != null && !secret.isBlank()) {
                KeyFile.write(keyFile, secret.strip());
            }
        } catch (IOException e) {
            LOG.warn("proxmox wizard: cannot write the token key file {}: {}", keyFile, e.getClass().getSimpleName());
            errors.put(WizardCheck.SECRET, "the key file could not be written (see the log); nothing was saved");
            return false;
        }
        setup.save(values); // refused after the check: the installer's fence answers it
        return true;
    }

    private static String csrf(HttpServletRequest req) {
        Object csrf = req.getAttribute(Surfaces.CSRF_ATTRIBUTE);
        return csrf == null ? "" : csrf.toString();
    }

    private static void write(HttpServletRequest req, HttpServletResponse resp, int status, ProxmoxPage.View v) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(ProxmoxPage.render(v));
    }
}
