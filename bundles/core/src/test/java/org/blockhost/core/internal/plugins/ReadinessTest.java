package org.blockhost.core.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.blockhost.console.api.PluginInfo;
import org.blockhost.console.api.PluginInfo.Kind;
import org.blockhost.console.api.PluginInfo.State;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private static PluginInfo plugin(Kind kind, String id, State state) {
        return new PluginInfo(kind, id, "b." + id, "1.0.0", 7, state, List.of(), state == State.FAILED ? "boom" : "");
    }

    @Test
    void notReadyWithoutPlugins() {
        Readiness.View v = Readiness.evaluate(List.of(), "", "");
        assertFalse(v.ready());
        assertEquals(List.of("engine", "provisioner"), v.missing());
    }

    @Test
    void readyWithOneActiveOfEach() {
        Readiness.View v = Readiness.evaluate(List.of(plugin(Kind.ENGINE, "evm", State.ACTIVE),
                plugin(Kind.PROVISIONER, "libvirt", State.ACTIVE)), "", "");
        assertTrue(v.ready());
        assertEquals(List.of("evm"), v.engines());
    }

    @Test
    void failedAndInactivePluginsDoNotCount() {
        Readiness.View v = Readiness.evaluate(List.of(plugin(Kind.ENGINE, "evm", State.FAILED),
                plugin(Kind.PROVISIONER, "libvirt", State.INACTIVE)), "", "");
        assertFalse(v.ready());
        assertEquals(List.of("engine", "provisioner"), v.missing());
        assertEquals(1, v.failed().size());
    }

    @Test
    void configuredIdsMustMatch() {
        List<PluginInfo> all = List.of(plugin(Kind.ENGINE, "opnet", State.ACTIVE),
                plugin(Kind.PROVISIONER, "libvirt", State.ACTIVE));
        Readiness.View v = Readiness.evaluate(all, "evm", "libvirt");
        assertFalse(v.ready());
        assertEquals(List.of("engine:evm"), v.missing());
    }
}
