package org.blockhost.provisioner.libvirt.internal.wizard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.blockhost.installer.api.SetupService;
import org.blockhost.installer.api.WizardStep;
import org.blockhost.provisioner.api.ProvisionerId;
import org.blockhost.provisioner.libvirt.internal.LibvirtConfig;
import org.blockhost.provisioner.libvirt.internal.LibvirtProvisioner;
import org.blockhost.web.api.Surfaces;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Wizard step {@code /setup/storage}: one question, the directory VM disks live in ({@link SetupForm#VM_DIR}),
 * with its free space and what it must hold; saved through the setup service, whose check (the
 * libvirt template step's, {@link StorageCheck}) the answers file shares: nothing saved on bad input.
 */
@Component(service = Servlet.class, configurationPid = LibvirtConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(StorageStepServlet.PATH)
@WizardStep(id = "storage", order = 150, title = "Storage")
@ProvisionerId(LibvirtProvisioner.ID)
public final class StorageStepServlet extends HttpServlet {
    public static final String PATH = "/storage";
    private static final long serialVersionUID = 1L;
    private final transient SetupService setup;
    private final transient ConfigurationAdmin cm;
    private final transient LibvirtConfig config;

    @Activate
    public StorageStepServlet(@Reference SetupService setup, @Reference ConfigurationAdmin cm, LibvirtConfig config) {
        this.setup = setup;
        this.cm = cm;
        this.config = config;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        write(req, resp, 200, setup.answers().getOrDefault(SetupForm.VM_DIR, config.vmDir()), null, false);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String value = req.getParameter("vmDir") == null ? "" : req.getParameter("vmDir").strip();
        String problem = value.isEmpty() ? "VM directory must be an absolute path like /var/lib/blockhost/vms"
                : setup.problems(Map.of(SetupForm.VM_DIR, value)).get(SetupForm.VM_DIR);
        if (problem == null) {
            setup.save(Map.of(SetupForm.VM_DIR, value)); // refused after the check: the installer's fence answers it
        }
        write(req, resp, problem == null ? 200 : 400, value, problem, problem == null);
    }

    private void write(HttpServletRequest req, HttpServletResponse resp, int status, String value, String error,
            boolean saved) throws IOException {
        Object csrf = req.getAttribute(Surfaces.CSRF_ATTRIBUTE);
        Optional<StorageCheck.Space> space = value.startsWith("/") ? safeSpace(value) : Optional.empty();
        StorageCheck.Need need = StorageCheck.need(cm, Path.of(config.templateDir()));
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(StoragePage.render(new StoragePage.View(csrf == null ? "" : csrf.toString(), value, space, need,
                error, saved)));
    }

    private static Optional<StorageCheck.Space> safeSpace(String value) {
        try {
            Path dir = Path.of(value);
            return java.nio.file.Files.isDirectory(dir) ? StorageCheck.space(dir) : Optional.empty();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }
}
