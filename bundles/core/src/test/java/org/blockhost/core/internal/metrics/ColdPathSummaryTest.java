package org.blockhost.core.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.blockhost.core.internal.active.PluginHandle;
import org.blockhost.core.internal.testing.FakeProvisioner;
import org.blockhost.core.internal.testing.RecordingStatus;
import org.blockhost.provisioner.api.Provisioner;
import org.junit.jupiter.api.Test;

/** The provisioner's cold-path breakdown on {@code /metrics}: a summary per step, fenced. */
class ColdPathSummaryTest {
    @Test
    void eachStepIsASummaryOfItsRecentCreates() {
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        steps.put("overlay", List.of(0.05, 0.04, 0.06));
        steps.put("first boot finished", List.of(90.0, 80.0, 120.0, 85.0, 100.0));
        PrometheusText text = new PrometheusText();
        ColdPathSummary.write(text, steps);
        String out = text.toString();
        assertTrue(out.contains("# TYPE blockhost_provisioner_cold_path_seconds summary\n"), out);
        assertTrue(out.contains("blockhost_provisioner_cold_path_seconds{quantile=\"0.5\",step=\"overlay\"} 0.05\n"), out);
        assertTrue(out.contains("blockhost_provisioner_cold_path_seconds{quantile=\"0.5\",step=\"first boot finished\"} 90\n"), out);
        assertTrue(out.contains("blockhost_provisioner_cold_path_seconds{quantile=\"0.95\",step=\"first boot finished\"} 120\n"), out);
        assertTrue(out.contains("blockhost_provisioner_cold_path_seconds_sum{step=\"first boot finished\"} 475\n"), out);
        assertTrue(out.contains("blockhost_provisioner_cold_path_seconds_count{step=\"overlay\"} 3\n"), out);
    }

    @Test
    void aProvisionerThatMeasuresNothingOrFailsAddsNothing() {
        RecordingStatus status = new RecordingStatus();
        try (ColdPathSummary summary = new ColdPathSummary(status)) {
            PrometheusText text = new PrometheusText();
            summary.write(text, Optional.of(new PluginHandle<Provisioner>(new FakeProvisioner(), 12L, "fake")));
            summary.write(text, Optional.empty());
            summary.write(text, Optional.of(new PluginHandle<Provisioner>(new FakeProvisioner() {
                @Override
                public Map<String, List<Double>> coldPathSeconds() {
                    throw new IllegalStateException("broken plugin");
                }
            }, 13L, "broken")));
            assertEquals("", text.toString());

            summary.write(text, Optional.of(new PluginHandle<Provisioner>(new FakeProvisioner() {
                @Override
                public Map<String, List<Double>> coldPathSeconds() {
                    return Map.of("seed", List.of(0.2));
                }
            }, 14L, "timed")));
            assertTrue(text.toString().contains("blockhost_provisioner_cold_path_seconds_count{step=\"seed\"} 1\n"), text.toString());
        }
    }
}
