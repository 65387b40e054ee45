package org.blockhost.admin.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.blockhost.console.api.ChainStatus;
import org.blockhost.console.api.PipelineStatus;
import org.blockhost.console.api.PluginStatus;
import org.blockhost.console.api.VmRegistry;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.Treasury;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.blockhost.platform.api.RuntimeLayout;
import org.osgi.framework.BundleContext;
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
 * {@code GET /admin/api/overview}: plugins (engine, provisioner), chain head and watcher lag per
 * engine, pipeline stage counts, parked purchases, VMs by state and the host's CPU, memory and disk
 * use ({@link HostUsage}, fractions 0..1), and revenue per day from the engine's treasury.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern("/api/overview")
public final class OverviewServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int DAYS = 14;
    private final transient PluginStatus plugins;
    private final transient ChainStatus chains;
    private final transient PipelineStatus pipeline;
    private final transient VmRegistry vms;

    private final transient HostUsage host;
    private final transient EngineCalls calls = new EngineCalls("revenue");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile Engine engine;

    @Activate
    public OverviewServlet(@Reference PluginStatus plugins, @Reference ChainStatus chains, @Reference PipelineStatus pipeline,
            @Reference VmRegistry vms, BundleContext context) {
        this.host = new HostUsage(java.nio.file.Path.of("/proc"), RuntimeLayout.from(context::getProperty).stateDir());
        this.plugins = plugins;
        this.chains = chains;
        this.pipeline = pipeline;
        this.vms = vms;
    }

    @Deactivate
    void deactivate() {
        calls.close();
    }

    /**
     * Payments per UTC day for the last {@value #DAYS} days from the active engine's treasury
     * ({@code {asset, decimals, days: [{day, amount}]}}, amounts as decimal strings of the smallest
     * unit); null without an engine, when it cannot tell, or when the chain does not answer in 5 s.
     */
    private Map<String, Object> revenue() {
        Engine active = engine;
        if (active == null) {
            return null;
        }
        try {
            List<Treasury.DailyAmount> days = calls.call(() -> active.treasury().revenue(DAYS), 5, null);
            if (days.isEmpty()) {
                return null;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("asset", days.get(0).asset());
            out.put("decimals", days.get(0).decimals());
            out.put("days", days.stream().map(d -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("day", d.day().toString());
                m.put("amount", d.amount().toString());
                return m;
            }).toList());
            return out;
        } catch (EngineCalls.Failure e) {
            return null;
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("plugins", plugins.plugins().stream().map(PluginsServlet::row).toList());
        out.put("chains", chains.positions().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("engine", p.engine());
            m.put("cursor", p.cursorBlock());
            m.put("head", p.headBlock().isPresent() ? p.headBlock().getAsLong() : null);
            m.put("lag", p.lagBlocks().isPresent() ? p.lagBlocks().getAsLong() : null);
            return m;
        }).toList());
        List<PipelineStatus.Entry> entries = pipeline.entries();
        Map<String, Long> stages = new TreeMap<>();
        entries.stream().filter(e -> e.parkedReason().isEmpty()).forEach(e -> stages.merge(e.stage(), 1L, Long::sum));
        List<Map<String, Object>> parked = entries.stream().filter(e -> !e.parkedReason().isEmpty())
                .map(PipelineServlet::entry).toList();
        out.put("pipeline", Map.of("stages", stages, "parked", parked.size()));
        out.put("parked", parked);
        Map<String, Long> byState = new TreeMap<>();
        vms.list().forEach(v -> byState.merge(v.state(), 1L, Long::sum));
        out.put("vms", Map.of("byState", byState, "total", byState.values().stream().mapToLong(Long::longValue).sum()));
        out.put("host", host.read());
        out.put("revenue", revenue());
        out.put("generatedAt", Instant.now().toString());
        Api.send(resp, 200, out);
    }
}
