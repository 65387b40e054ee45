package org.blockhost.core.internal.metrics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.blockhost.console.api.PluginInfo;
import org.blockhost.console.api.PluginStatus;
import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.plugins.Readiness;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.blockhost.core.internal.lifecycle.LifecycleComponent;
import org.blockhost.core.internal.pipeline.PipelineComponent;
import org.blockhost.core.internal.pool.PoolComponent;
import org.blockhost.core.internal.store.VmRegistryService;
import org.blockhost.web.api.Surfaces;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /metrics} in Prometheus text format: JVM memory, uptime, plugins, readiness. */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.OPS_SELECT)
@HttpWhiteboardServletPattern("/metrics")
public final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient PluginStatus plugins;
    private final transient Readiness readiness;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PipelineComponent pipeline;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VmRegistryService registry;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile LifecycleComponent lifecycle;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PoolComponent pool;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ActivePlugins active;
    private final transient ColdPathSummary coldPath;

    @Activate
    public MetricsServlet(@Reference PluginStatus plugins, @Reference Readiness readiness) {
        this.plugins = plugins;
        this.readiness = readiness;
        this.coldPath = new ColdPathSummary(plugins);
    }

    @Deactivate
    void stop() {
        coldPath.close();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PrometheusText text = new PrometheusText();
        jvm(text);
        plugins(text, plugins.plugins());
        text.family("blockhost_ready", "gauge", "1 when an engine and a provisioner are active")
                .sample("blockhost_ready", readiness.view().ready() ? 1 : 0);
        PipelineGauges.write(text, pipeline, registry, lifecycle);
        PoolComponent p = pool;
        if (p != null) {
            PoolGauges.write(text, p.sizes(), p.counts());
        }
        ActivePlugins a = active;
        coldPath.write(text, a == null ? java.util.Optional.empty() : a.provisioner());
        resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(text.toString());
    }

    static void jvm(PrometheusText text) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        text.family("jvm_memory_used_bytes", "gauge", "JVM memory in use")
                .sample("jvm_memory_used_bytes", Map.of("area", "heap"), heap.getUsed())
                .sample("jvm_memory_used_bytes", Map.of("area", "nonheap"), nonHeap.getUsed());
        text.family("jvm_memory_committed_bytes", "gauge", "JVM memory committed")
                .sample("jvm_memory_committed_bytes", Map.of("area", "heap"), heap.getCommitted())
                .sample("jvm_memory_committed_bytes", Map.of("area", "nonheap"), nonHeap.getCommitted());
        text.family("process_uptime_seconds", "gauge", "Seconds since the runtime's JVM started")
                .sample("process_uptime_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        text.family("jvm_threads_live", "gauge", "Live JVM threads")
                .sample("jvm_threads_live", ManagementFactory.getThreadMXBean().getThreadCount());
    }

    static void plugins(PrometheusText text, List<PluginInfo> all) {
        text.family("blockhost_plugins", "gauge", "Engine and provisioner plugins by kind and state");
        for (PluginInfo.Kind kind : PluginInfo.Kind.values()) {
            Map<PluginInfo.State, Integer> counts = new EnumMap<>(PluginInfo.State.class);
            for (PluginInfo.State state : PluginInfo.State.values()) {
                counts.put(state, 0);
            }
            all.stream().filter(p -> p.kind() == kind).forEach(p -> counts.merge(p.state(), 1, Integer::sum));
            counts.forEach((state, n) -> text.sample("blockhost_plugins",
                    Map.of("kind", kind.name().toLowerCase(), "state", state.name().toLowerCase()), n));
        }
    }
}
