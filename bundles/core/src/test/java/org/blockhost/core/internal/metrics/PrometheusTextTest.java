package org.blockhost.core.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.blockhost.console.api.PluginInfo;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void writesFamiliesAndEscapedLabels() {
        String text = new PrometheusText().family("x_total", "counter", "a\nb")
                .sample("x_total", Map.of("b", "q\"v", "a", "1"), 3).sample("x_total", 0.5).toString();
        assertEquals("# HELP x_total a\\nb\n# TYPE x_total counter\nx_total{a=\"1\",b=\"q\\\"v\"} 3\nx_total 0.5\n", text);
    }

    @Test
    void countsPluginsByKindAndState() {
        PrometheusText text = new PrometheusText();
        MetricsServlet.plugins(text, List.of(new PluginInfo(PluginInfo.Kind.ENGINE, "evm", "b", "1", 1,
                PluginInfo.State.FAILED, List.of(), "x")));
        String out = text.toString();
        assertTrue(out.contains("blockhost_plugins{kind=\"engine\",state=\"failed\"} 1\n"), out);
        assertTrue(out.contains("blockhost_plugins{kind=\"provisioner\",state=\"active\"} 0\n"), out);
    }
}
