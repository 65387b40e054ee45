package org.blockhost.admin.internal;

import java.io.IOException;
import java.util.Map;

import org.blockhost.console.api.HostSettings;
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
 * {@code GET /admin/api/settings} ({@code {gracePeriodDays}}) and {@code POST /admin/api/settings}
 * {@code {gracePeriodDays: "3"}}: core's {@link HostSettings}, applied live. Audited
 * ({@code admin.settings.grace}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern("/api/settings")
public final class SettingsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient HostSettings settings;
    private final transient AuditTrail trail;

    @Activate
    public SettingsServlet(@Reference HostSettings settings, @Reference AuditTrail trail) {
        this.settings = settings;
        this.trail = trail;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Api.send(resp, 200, Map.of("gracePeriodDays", settings.gracePeriodDays()));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        double days;
        try {
            days = days(Api.body(req).get("gracePeriodDays"));
        } catch (Api.BadRequest | IllegalArgumentException e) {
            Api.error(resp, 400, e.getMessage());
            return;
        }
        try {
            settings.gracePeriodDays(days);
        } catch (IllegalArgumentException e) {
            AdminAudit.record(trail, req, "grace period", "settings.grace", "refused: " + e.getMessage());
            Api.error(resp, 400, e.getMessage());
            return;
        } catch (IllegalStateException e) {
            AdminAudit.record(trail, req, "grace period", "settings.grace", "failed: " + e.getMessage());
            Api.error(resp, 503, e.getMessage());
            return;
        }
        AdminAudit.record(trail, req, "grace period", "settings.grace", "done: " + days + " days");
        Api.send(resp, 200, Map.of("gracePeriodDays", days));
    }

    /** A number of days sent as text ({@code "3"}, {@code "0.5"}) or a JSON number. */
    static double days(Object value) {
        String text = value instanceof Number || value instanceof String ? value.toString().trim() : "";
        if (!text.matches("[0-9]{1,4}(\\.[0-9]{1,6})?")) {
            throw new IllegalArgumentException("The grace period is a number of days such as 7 or 0.5.");
        }
        return Double.parseDouble(text);
    }
}
