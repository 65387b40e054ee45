package org.blockhost.admin.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.blockhost.platform.api.AuditLog;
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

/** {@code GET /admin/api/audit[?limit=N&before=ID]}: the audit trail, newest first (default 100). */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern("/api/audit")
public final class AuditServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient AuditLog log;

    @Activate
    public AuditServlet(@Reference AuditLog log) {
        this.log = log;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long limit = number(req.getParameter("limit"), 100);
        long before = number(req.getParameter("before"), 0);
        if (limit < 1 || limit > AuditLog.MAX || before < 0) {
            Api.error(resp, 400, "limit must be from 1 to " + AuditLog.MAX + " and before a non-negative entry id.");
            return;
        }
        Api.send(resp, 200, Map.of("entries", log.recent((int) limit, before).stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("at", e.at().toString());
            m.put("actor", e.actor());
            m.put("subject", e.subject());
            m.put("action", e.action());
            m.put("detail", e.detail());
            return m;
        }).toList()));
    }

    /** A decimal parameter, the default when absent, -1 when malformed. */
    static long number(String s, long absent) {
        if (s == null || s.isEmpty()) {
            return absent;
        }
        return s.matches("[0-9]{1,18}") ? Long.parseLong(s) : -1;
    }
}
