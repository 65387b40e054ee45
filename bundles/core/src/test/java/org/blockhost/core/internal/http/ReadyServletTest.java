package org.blockhost.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.blockhost.console.api.PluginInfo;
import org.blockhost.core.internal.plugins.Readiness;
import org.junit.jupiter.api.Test;

/** Plugin failure text (paths, hosts) reaches only loopback callers of /ready and /api/plugins. */
class ReadyServletTest {
    private static final PluginInfo FAILED = new PluginInfo(PluginInfo.Kind.ENGINE, "evm", "org.blockhost.engine.evm",
            "0.1.0", 7, PluginInfo.State.FAILED, List.of(), "cannot read /etc/blockhost/keys/evm-host.key at rpc.internal:8545");

    @Test
    void failureTextOnlyForLoopbackCallers() throws Exception {
        Readiness.View view = new Readiness.View(false, List.of(), List.of("libvirt"), List.of("engine evm"), List.of(FAILED));
        String detailed = Json.MAPPER.writeValueAsString(ReadyServlet.body(view, true));
        String redacted = Json.MAPPER.writeValueAsString(ReadyServlet.body(view, false));
        assertTrue(detailed.contains("evm-host.key"), detailed);
        assertFalse(redacted.contains("evm-host.key") || redacted.contains("rpc.internal"), redacted);
        assertEquals("failed", ((Map<?, ?>) ((List<?>) ReadyServlet.body(view, false).get("failed")).get(0)).get("reason"));
        PluginInfo plain = PluginsServlet.redacted(FAILED);
        assertEquals("failed", plain.failure());
        assertEquals(FAILED.state(), plain.state());
    }
}
