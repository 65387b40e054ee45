package org.blockhost.admin.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.admin.internal.EngineCalls.Failure;
import org.blockhost.engine.api.PlanManager;
import org.blockhost.engine.api.PlanManager.Change;
import org.blockhost.engine.api.PlanManager.Outcome;
import org.blockhost.platform.api.AuditTrail;
import org.blockhost.web.api.Surfaces;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
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
 * {@code GET /admin/api/plans} (the plans on chain), {@code POST /admin/api/plans} {@code {name, price}}
 * (create), {@code POST /admin/api/plans/{id}/price} {@code {price}} and {@code POST
 * /admin/api/plans/{id}/retire}: through the active engine's {@link PlanManager}, like the CLI's
 * {@code plan} command. Prices are US dollars a day as text ({@code "1.50"}). The answer is the
 * outcome: sent by the host wallet, or the call the owner wallet has to send (the page then asks
 * the signed-in wallet to send it). Engine calls are fenced (60 s).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern({"/api/plans", "/api/plans/*"})
public final class PlansServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient AuditTrail trail;
    private final transient EngineCalls calls = new EngineCalls("plans");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile PlanManager plans;

    @Activate
    public PlansServlet(@Reference AuditTrail trail) {
        this.trail = trail;
    }

    @Deactivate
    void deactivate() {
        calls.close();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!Api.segments(req).isEmpty()) {
            Api.error(resp, 404, "No such resource.");
            return;
        }
        try {
            List<PlanManager.Plan> all = fenced(PlanManager::plans);
            Api.send(resp, 200, Map.of("plans", all.stream().map(PlanManager.Plan::toMap).toList()));
        } catch (Failure f) {
            Api.error(resp, f.status, f.getMessage());
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Change change;
        try {
            change = change(Api.segments(req), Api.body(req));
        } catch (Api.BadRequest | IllegalArgumentException e) {
            Api.error(resp, 400, e.getMessage());
            return;
        }
        if (change == null) {
            Api.error(resp, 404, "No such plan action.");
            return;
        }
        String action = "plan." + change.kind().name().toLowerCase(java.util.Locale.ROOT);
        String subject = change.kind() == PlanManager.Kind.CREATE ? change.name() : "plan " + change.planId();
        try {
            Outcome outcome = fenced(m -> m.apply(change));
            AdminAudit.record(trail, req, subject, action, outcome.isSent()
                    ? "done: transaction " + outcome.transaction().orElseThrow()
                    : "prepared for the owner wallet " + outcome.owner());
            Map<String, Object> body = new LinkedHashMap<>(outcome.toMap());
            Api.send(resp, 200, body);
        } catch (Failure f) {
            AdminAudit.record(trail, req, subject, action, (f.status == 409 ? "refused: " : "failed: ") + f.getMessage());
            Api.error(resp, f.status, f.getMessage());
        }
    }

    /**
     * The change a POST asks for, null for an unknown path; bad values are refused with the API
     * record's sentence ({@link IllegalArgumentException}).
     */
    static Change change(List<String> path, Map<String, Object> body) {
        if (path.isEmpty()) {
            return Change.create(text(body, "name"), Change.centsOf(text(body, "price")));
        }
        if (path.size() != 2 || !path.get(0).matches("[1-9][0-9]{0,8}")) {
            return null;
        }
        long id = Long.parseLong(path.get(0));
        return switch (path.get(1)) {
            case "price" -> Change.price(id, Change.centsOf(text(body, "price")));
            case "retire" -> Change.retire(id);
            default -> null;
        };
    }

    private static String text(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("Send the " + key + " as text.");
        }
        return s;
    }

    private <T> T fenced(PlanCall<T> call) throws Failure {
        PlanManager manager = plans;
        if (manager == null) {
            throw new Failure(503, "No chain engine is active: plans cannot be read or changed.");
        }
        return calls.call(() -> call.call(manager), 60, null);
    }

    @FunctionalInterface
    interface PlanCall<T> {
        T call(PlanManager manager) throws Exception;
    }
}
