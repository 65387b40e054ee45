package org.blockhost.admin.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.blockhost.console.api.PoolStatus;
import org.blockhost.web.api.Surfaces;
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
 * {@code GET /admin/api/pool}: core's warm pool per plan ({@link PoolStatus}): {@code {plans: [{plan,
 * wanted, ready, filling, assigning, assignedToday, elsewhere, oldest, template}]}}; 503 with a
 * sentence while core's pool is not running.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern("/api/pool")
public final class PoolServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile PoolStatus pool;

    static Map<String, Object> plan(PoolStatus.PlanPool p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plan", p.planId());
        m.put("wanted", p.wanted());
        m.put("ready", p.ready());
        m.put("filling", p.filling());
        m.put("assigning", p.assigning());
        m.put("assignedToday", p.assignedToday());
        m.put("elsewhere", p.elsewhere());
        m.put("oldest", p.oldest().map(Object::toString).orElse(null));
        m.put("template", p.template());
        return m;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PoolStatus status = pool;
        if (status == null) {
            Api.error(resp, 503, "The warm pool is not running: core has not started it.");
            return;
        }
        Api.send(resp, 200, Map.of("plans", status.plans().stream().map(PoolServlet::plan).toList()));
    }
}
