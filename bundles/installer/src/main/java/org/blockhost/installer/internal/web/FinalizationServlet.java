package org.blockhost.installer.internal.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.installer.api.FinalizationStatus;
import org.blockhost.installer.api.WizardStep;
import org.blockhost.installer.internal.finalize.FinalizationRunner;
import org.blockhost.installer.internal.finalize.Json;
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
 * {@code GET /setup/api/finalization}: every step's status as JSON.
 * {@code POST /setup/api/finalization}: starts a run in the background (retrying a failed step);
 * 202, or 409 while a run is going on.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/api/finalization")
public final class FinalizationServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient FinalizationRunner runner;
    private final transient BackgroundRun background;

    @Activate
    public FinalizationServlet(@Reference FinalizationRunner runner, @Reference BackgroundRun background) {
        this.runner = runner;
        this.background = background;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Json.write(resp, 200, body(runner, runner.steps(), background.running()));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!background.start()) {
            Json.write(resp, 409, Map.of("error", "finalization is already running"));
            return;
        }
        Json.write(resp, 202, Map.of("started", true));
    }

    /** Every step's status with its duration, the published values, whether complete and running. */
    public static Map<String, Object> body(FinalizationRunner runner, List<FinalizationStatus.StepStatus> steps,
            boolean running) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("complete", runner.complete());
        body.put("running", running);
        body.put("published", new java.util.TreeMap<>(runner.published()));
        body.put("steps", steps.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("label", s.label());
            m.put("phase", s.phase() == null ? null : s.phase().name());
            m.put("order", s.order());
            m.put("state", s.state().name().toLowerCase());
            m.put("error", s.error());
            m.put("updated", s.updated() == null ? null : s.updated().toString());
            m.put("durationMs", runner.duration(s.id()).map(java.time.Duration::toMillis).orElse(null));
            return m;
        }).toList());
        return body;
    }
}
