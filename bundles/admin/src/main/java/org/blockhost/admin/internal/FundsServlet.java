package org.blockhost.admin.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.blockhost.console.api.FundsControl;
import org.blockhost.platform.api.AuditTrail;
import org.blockhost.web.api.Surfaces;
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
 * Core's fund manager ({@link FundsControl}): {@code GET /admin/api/funds} (settings, running, last
 * runs with their transfers), {@code POST /admin/api/funds/dry-run} ({@code {lines}}, nothing sent)
 * and {@code POST /admin/api/funds/run} {@code {confirm: "run"}} (202: started in the background;
 * 409 when a run is going on). Runs are audited ({@code admin.funds.run}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern({"/api/funds", "/api/funds/*"})
public final class FundsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String UNAVAILABLE = "The fund manager is not active (check its configuration org.blockhost.core.funds).";
    private final transient AuditTrail trail;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile FundsControl funds;

    @Activate
    public FundsServlet(@Reference AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        FundsControl f = funds;
        if (!Api.segments(req).isEmpty()) {
            Api.error(resp, 404, "No such resource.");
        } else if (f == null) {
            Api.error(resp, 503, UNAVAILABLE);
        } else {
            Api.send(resp, 200, f.status());
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> path = Api.segments(req);
        String action = path.size() == 1 ? path.get(0) : "";
        FundsControl f = funds;
        if (!action.equals("dry-run") && !action.equals("run")) {
            Api.error(resp, 404, "No such fund manager action.");
            return;
        }
        if (f == null) {
            Api.error(resp, 503, UNAVAILABLE);
            return;
        }
        if (action.equals("dry-run")) {
            try {
                Api.send(resp, 200, Map.of("lines", f.dryRun()));
            } catch (IllegalStateException | IllegalArgumentException e) {
                Api.error(resp, 503, "The dry run could not read the chain; nothing was sent. Try again.");
            }
            return;
        }
        run(req, resp, f);
    }

    private void run(HttpServletRequest req, HttpServletResponse resp, FundsControl f) throws IOException {
        Object confirm;
        try {
            confirm = Api.body(req).get("confirm");
        } catch (Api.BadRequest e) {
            Api.error(resp, 400, e.getMessage());
            return;
        }
        if (!"run".equals(confirm)) {
            Api.error(resp, 400, "Type run to confirm.");
            return;
        }
        if (!f.start()) {
            AdminAudit.record(trail, req, "funds", "funds.run", "refused: a run is going on");
            Api.error(resp, 409, "A run is going on; its transfers show below when it ends.");
            return;
        }
        AdminAudit.record(trail, req, "funds", "funds.run", "done: run started");
        Api.send(resp, 202, Map.of("started", true));
    }
}
