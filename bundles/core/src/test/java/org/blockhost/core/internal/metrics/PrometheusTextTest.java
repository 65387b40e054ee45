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

    @Test
    void poolSizeAndStatesPerPlan() {
        PrometheusText text = new PrometheusText();
        PoolGauges.write(text, org.blockhost.core.internal.pool.PoolSizes.parse(new String[] {"1:3"}),
                Map.of(1L, Map.of("ready", 2L, "assigned", 5L), 2L, Map.of("ready", 1L)));
        String out = text.toString();
        assertTrue(out.contains("blockhost_pool_size{plan=\"1\"} 3\n"), out);
        assertTrue(out.contains("blockhost_pool_size{plan=\"2\"} 0\n"), "a plan whose pool was turned off still shows its VMs: " + out);
        assertTrue(out.contains("blockhost_pool_vms{plan=\"1\",state=\"ready\"} 2\n"), out);
        assertTrue(out.contains("blockhost_pool_vms{plan=\"1\",state=\"filling\"} 0\n"), out);
        assertTrue(out.contains("blockhost_pool_vms{plan=\"1\",state=\"assigned\"} 5\n"), out);
        assertTrue(out.contains("blockhost_pool_vms{plan=\"2\",state=\"ready\"} 1\n"), out);
    }
}
