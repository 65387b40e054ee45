package org.blockhost.core.internal.pipeline;

import java.util.EnumMap;
import java.util.Map;

import org.blockhost.core.internal.metrics.PrometheusText;

/** In-memory latency histograms of the pipeline: per stage and end to end. */
public final class PipelineMetrics {
    private final Map<Stage, Histogram> stages = new EnumMap<>(Stage.class);
    private final Histogram endToEnd = new Histogram();

    public PipelineMetrics() {
        for (Stage s : Stage.values()) {
            if (s != Stage.ACTIVE) {
                stages.put(s, new Histogram());
            }
        }
    }

    void stageDone(Stage stage, long millis) {
        stages.get(stage).observe(millis / 1000.0);
    }

    void active(long millis) {
        endToEnd.observe(millis / 1000.0);
    }

    public void write(PrometheusText text) {
        text.family("blockhost_pipeline_stage_seconds", "histogram",
                "Time from entering a pipeline stage to completing it (including retries)");
        stages.forEach((stage, h) -> h.write(text, "blockhost_pipeline_stage_seconds", Map.of("stage", stage.label())));
        text.family("blockhost_pipeline_end_to_end_seconds", "histogram", "Time from receiving a subscription to active");
        endToEnd.write(text, "blockhost_pipeline_end_to_end_seconds", Map.of());
    }
}
