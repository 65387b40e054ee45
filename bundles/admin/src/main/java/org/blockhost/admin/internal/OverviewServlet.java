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
 * engine, pipeline stage counts, parked purchases and VMs by state.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern("/api/overview")
public final class OverviewServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient PluginStatus plugins;
    private final transient ChainStatus chains;
    private final transient PipelineStatus pipeline;
    private final transient VmRegistry vms;

    @Activate
    public OverviewServlet(@Reference PluginStatus plugins, @Reference ChainStatus chains, @Reference PipelineStatus pipeline,
            @Reference VmRegistry vms) {
        this.plugins = plugins;
        this.chains = chains;
        this.pipeline = pipeline;
        this.vms = vms;
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
        out.put("generatedAt", Instant.now().toString());
        Api.send(resp, 200, out);
    }
}
