package org.blockhost.admin.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.console.api.PipelineControl;
import org.blockhost.console.api.PipelineStatus;
import org.blockhost.platform.api.AuditTrail;
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
 * {@code GET /admin/api/pipeline}: subscriptions not yet active, and parked ones;
 * {@code POST /admin/api/pipeline/{subscription}/retry} puts a parked one back (audited).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern({"/api/pipeline", "/api/pipeline/*"})
public final class PipelineServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient PipelineStatus status;
    private final transient PipelineControl control;
    private final transient AuditTrail trail;

    @Activate
    public PipelineServlet(@Reference PipelineStatus status, @Reference PipelineControl control, @Reference AuditTrail trail) {
        this.status = status;
        this.control = control;
        this.trail = trail;
    }

    static Map<String, Object> entry(PipelineStatus.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subscription", e.subscriptionId());
        m.put("stage", e.stage());
        m.put("attempts", e.attempts());
        m.put("parked", !e.parkedReason().isEmpty());
        m.put("reason", e.parkedReason());
        m.put("updated", e.updated().toString());
        return m;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!Api.segments(req).isEmpty()) {
            Api.error(resp, 404, "Not found.");
            return;
        }
        Api.send(resp, 200, status.entries().stream().map(PipelineServlet::entry).toList());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> path = Api.segments(req);
        if (path.size() != 2 || !"retry".equals(path.get(1)) || !path.get(0).matches("[0-9]{1,18}")) {
            Api.error(resp, 404, "Unknown pipeline action: POST /admin/api/pipeline/{subscription}/retry.");
            return;
        }
        long id = Long.parseLong(path.get(0));
        String subject = "subscription " + id;
        if (control.retry(id, Api.actor(req))) {
            AdminAudit.record(trail, req, subject, "pipeline.retry", "done: queued for retry");
            Api.send(resp, 200, Map.of("subscription", id, "retried", true,
                    "message", "Subscription " + id + " is queued for another try."));
        } else {
            AdminAudit.record(trail, req, subject, "pipeline.retry", "refused: not parked");
            Api.error(resp, 409, "Subscription " + id + " is not parked: there is nothing to retry.");
        }
    }
}
