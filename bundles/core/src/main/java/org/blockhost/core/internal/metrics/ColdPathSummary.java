package org.blockhost.core.internal.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.blockhost.console.api.PluginStatus;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.active.PluginHandle;
import org.blockhost.provisioner.api.Provisioner;

/**
 * The active provisioner's cold-path breakdown ({@code Provisioner.coldPathSeconds}, API 1.5) as a
 * Prometheus summary: per step, the median and 95th percentile (nearest rank) of its recent creates,
 * with their sum and count. Nothing is written when the provisioner measures nothing.
 */
final class ColdPathSummary implements AutoCloseable {
    static final String NAME = "blockhost_provisioner_cold_path_seconds";
    private final ExecutorService callers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blockhost-metrics-call");
        t.setDaemon(true);
        return t;
    });
    private final Fence fence;

    ColdPathSummary(PluginStatus status) {
        this.fence = new Fence(status, callers, Duration.ofSeconds(2));
    }

    /** Asks the provisioner (fenced: 2 s, a failure writes nothing) and writes its summary. */
    void write(PrometheusText text, Optional<PluginHandle<Provisioner>> provisioner) {
        if (provisioner.isEmpty()) {
            return;
        }
        PluginHandle<Provisioner> p = provisioner.get();
        try {
            Map<String, List<Double>> steps = fence.call(p, "provisioner " + p.id() + " coldPathSeconds",
                    () -> p.service().coldPathSeconds());
            write(text, steps == null ? Map.of() : steps);
        } catch (FenceException e) {
            // /metrics still answers; the plugin's status records a failure
        }
    }

    @Override
    public void close() {
        callers.shutdownNow();
    }

    static void write(PrometheusText text, Map<String, List<Double>> steps) {
        if (steps.isEmpty()) {
            return;
        }
        text.family(NAME, "summary", "Seconds of each step of the provisioner's recent cold creates (create's phases,"
                + " then guest agent and first boot counted from the VM's start)");
        steps.forEach((step, seconds) -> {
            if (seconds.isEmpty()) {
                return;
            }
            text.sample(NAME, Map.of("step", step, "quantile", "0.5"), percentile(seconds, 50))
                    .sample(NAME, Map.of("step", step, "quantile", "0.95"), percentile(seconds, 95))
                    .sample(NAME + "_sum", Map.of("step", step), seconds.stream().mapToDouble(Double::doubleValue).sum())
                    .sample(NAME + "_count", Map.of("step", step), seconds.size());
        });
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
