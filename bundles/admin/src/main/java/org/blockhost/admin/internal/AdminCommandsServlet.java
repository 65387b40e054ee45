package org.blockhost.admin.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.console.api.AdminCommandControl;
import org.blockhost.console.api.AdminCommandControl.Knock;
import org.blockhost.console.api.AdminCommandControl.Prepared;
import org.blockhost.engine.api.ChainUnavailableException;
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
 * {@code GET /admin/api/admin-commands} (settings, the caller's address as this server sees it, the
 * latest commands core received), {@code POST /admin/api/admin-commands} {@code {enabled, ports,
 * maxTtl}} (the wizard's checks, applied live) and {@code POST /admin/api/admin-commands/knock}
 * {@code {ports: [22], source, ttl}}: the transaction the signed-in admin wallet sends. Through
 * core's {@link AdminCommandControl}; audited ({@code admin.settings.admin-commands}, {@code admin.knock}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern({"/api/admin-commands", "/api/admin-commands/*"})
public final class AdminCommandsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient AdminCommandControl control;
    private final transient AuditTrail trail;

    @Activate
    public AdminCommandsServlet(@Reference AdminCommandControl control, @Reference AuditTrail trail) {
        this.control = control;
        this.trail = trail;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!Api.segments(req).isEmpty()) {
            Api.error(resp, 404, "Unknown request.");
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("settings", control.settings());
        out.put("source", req.getRemoteAddr());
        out.put("records", control.records(20));
        Api.send(resp, 200, out);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> path = Api.segments(req);
        Map<String, Object> body;
        try {
            body = Api.body(req);
        } catch (Api.BadRequest e) {
            Api.error(resp, 400, e.getMessage());
            return;
        }
        if (path.isEmpty()) {
            settings(req, resp, body);
        } else if (path.equals(List.of("knock"))) {
            knock(req, resp, body);
        } else {
            Api.error(resp, 404, "Unknown request.");
        }
    }

    private void settings(HttpServletRequest req, HttpServletResponse resp, Map<String, Object> body) throws IOException {
        Map<String, String> problems;
        try {
            problems = control.update(text(body.get("enabled")), text(body.get("ports")), text(body.get("maxTtl")));
        } catch (IllegalStateException e) {
            AdminAudit.record(trail, req, "admin commands", "settings.admin-commands", "failed: " + e.getMessage());
            Api.error(resp, 503, e.getMessage());
            return;
        }
        if (!problems.isEmpty()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("error", "Nothing was changed: check the fields marked.");
            out.put("problems", problems);
            Api.send(resp, 400, out);
            return;
        }
        AdminCommandControl.Settings now = control.settings();
        AdminAudit.record(trail, req, "admin commands", "settings.admin-commands", "done: " + (now.enabled() ? "on" : "off")
                + ", knock ports " + now.knockPorts() + ", longest " + now.knockMaxTtlSeconds() + " s");
        Api.send(resp, 200, Map.of("settings", now));
    }

    private void knock(HttpServletRequest req, HttpServletResponse resp, Map<String, Object> body) throws IOException {
        Knock knock;
        try {
            knock = new Knock(ports(body.get("ports")), text(body.get("source")), seconds(body.get("ttl")), text(body.get("proto")));
            Prepared p = control.prepareKnock(knock);
            AdminAudit.record(trail, req, "knock " + p.nonce(), "knock", "prepared: " + knock.ports() + " for "
                    + knock.source() + " for " + knock.ttlSeconds() + " s");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("nonce", p.nonce());
            out.put("expires", p.expires());
            out.put("from", Api.wallet(req));
            out.put("to", p.to());
            out.put("data", p.data());
            Api.send(resp, 200, out);
        } catch (IllegalArgumentException e) {
            Api.error(resp, 400, e.getMessage());
        } catch (IllegalStateException e) {
            Api.error(resp, 409, e.getMessage());
        } catch (ChainUnavailableException e) {
            Api.error(resp, 503, "The chain engine cannot prepare admin commands right now. Try again in a minute.");
        }
    }

    private static String text(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean ? v.toString() : "";
    }

    /** Ports as a JSON array of numbers. */
    static List<Integer> ports(Object v) {
        List<Integer> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Integer i)) {
                    throw new IllegalArgumentException("Ports are whole numbers from 1 to 65535.");
                }
                out.add(i);
            }
        }
        return out;
    }

    /** Seconds as a whole number (text or JSON number). */
    static int seconds(Object v) {
        String t = text(v).strip();
        if (!t.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("The duration is a whole number of seconds.");
        }
        return Integer.parseInt(t);
    }
}
