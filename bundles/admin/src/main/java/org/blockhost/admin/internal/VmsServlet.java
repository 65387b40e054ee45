package org.blockhost.admin.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.blockhost.console.api.VmOperations;
import org.blockhost.console.api.VmOperations.Action;
import org.blockhost.console.api.VmRegistry;
import org.blockhost.console.api.VmRegistry.VmRecord;
import org.blockhost.platform.api.AuditTrail;
import org.blockhost.provisioner.api.Provisioner;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.blockhost.web.api.Surfaces;
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
 * {@code GET /admin/api/vms}: the VM table; {@code POST /admin/api/vms/{name}/{action}} with
 * {@code {"confirm": name}} for destroy and {@code "forcePaid": true} to act on a paying
 * customer's VM. Actions go through core's {@link VmOperations}, like the CLI's.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern({"/api/vms", "/api/vms/*"})
public final class VmsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(VmsServlet.class);
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private final transient VmRegistry registry;
    private final transient VmOperations operations;
    private final transient AuditTrail trail;
    private final transient VmUsage usage = new VmUsage();
    private final transient EngineCalls calls = new EngineCalls("vm-metrics");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile Provisioner provisioner;

    @Activate
    public VmsServlet(@Reference VmRegistry registry, @Reference VmOperations operations, @Reference AuditTrail trail) {
        this.registry = registry;
        this.operations = operations;
        this.trail = trail;
    }

    @Deactivate
    void deactivate() {
        calls.close();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!Api.segments(req).isEmpty()) {
            Api.error(resp, 404, "Not found.");
            return;
        }
        List<VmRecord> vms = registry.list();
        Map<String, Map<String, Object>> use = resources(vms);
        Api.send(resp, 200, vms.stream().map(v -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>(v.toMap());
            Map<String, Object> r = use.getOrDefault(v.name(), Map.of());
            m.put("cpuPercent", r.get("cpuPercent"));
            m.put("memoryMib", r.get("memoryMib"));
            return m;
        }).toList());
    }

    /**
     * Each VM's resource use from the active provisioner's metrics (fenced: 5 s for all of them);
     * a VM whose metrics fail or that the provisioner does not know has none.
     */
    private Map<String, Map<String, Object>> resources(List<VmRecord> vms) {
        Provisioner active = provisioner;
        Map<String, Map<String, Object>> out = new java.util.concurrent.ConcurrentHashMap<>();
        if (active == null || vms.isEmpty()) {
            return out;
        }
        usage.retain(vms.stream().map(VmRecord::name).collect(java.util.stream.Collectors.toSet()));
        try {
            calls.call(() -> {
                for (VmRecord v : vms) {
                    try {
                        out.put(v.name(), usage.of(v.name(), active.metrics(v.name()), System.nanoTime()));
                    } catch (Exception e) {
                        LOG.debug("metrics of {} unavailable: {}", v.name(), e.toString());
                    }
                }
                return null;
            }, 5, null);
        } catch (EngineCalls.Failure e) {
            LOG.debug("VM metrics: {}", e.getMessage());
        }
        return out;
    }


    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> path = Api.segments(req);
        Action action = path.size() == 2 ? action(path.get(1)) : null;
        if (action == null || !NAME.matcher(path.get(0)).matches()) {
            Api.error(resp, 404, "Unknown VM action: use start, stop, suspend, resume, destroy, hold or release.");
            return;
        }
        String name = path.get(0);
        String what = "vm." + path.get(1);
        Map<String, Object> body;
        try {
            body = Api.body(req);
        } catch (Api.BadRequest e) {
            Api.error(resp, 400, e.getMessage());
            return;
        }
        boolean confirmed = name.equals(body.get("confirm"));
        if (action == Action.DESTROY && !confirmed) {
            AdminAudit.record(trail, req, name, what, "refused: the VM name was not typed to confirm");
            Api.error(resp, 400, "Type the VM's name exactly to confirm: a destroy deletes the VM and its disk for good.");
            return;
        }
        perform(req, resp, new VmOperations.Request(name, action, confirmed, Boolean.TRUE.equals(body.get("forcePaid")),
                Api.actor(req)), what);
    }

    private void perform(HttpServletRequest req, HttpServletResponse resp, VmOperations.Request r, String what)
            throws IOException {
        try {
            String done = operations.perform(r);
            AdminAudit.record(trail, req, r.name(), what, "done: " + done);
            Api.send(resp, 200, Map.of("name", r.name(), "action", what.substring(3), "message", done));
        } catch (VmOperations.RefusedException e) {
            AdminAudit.record(trail, req, r.name(), what, "refused: " + e.getMessage());
            Api.error(resp, 409, e.getMessage());
        } catch (IllegalStateException e) {
            LOG.warn("admin {} {} failed: {}", what, r.name(), e.getMessage());
            AdminAudit.record(trail, req, r.name(), what, "failed: the provisioner did not carry it out");
            Api.error(resp, 502, "The hypervisor did not carry out the action; nothing changed. Try again, or check the"
                    + " provisioner plugin.");
        }
    }

    static Action action(String s) {
        return switch (s) {
            case "start", "stop", "suspend", "resume", "destroy", "hold", "release" -> Action.valueOf(s.toUpperCase(Locale.ROOT));
            default -> null;
        };
    }
}
