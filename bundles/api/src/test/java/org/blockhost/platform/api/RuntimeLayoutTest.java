package org.blockhost.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RuntimeLayoutTest {

    @Test
    void defaultsToProductionPaths() {
        RuntimeLayout layout = RuntimeLayout.from(k -> null);
        assertFalse(layout.dev());
        assertEquals(Path.of("/etc/blockhost/runtime"), layout.configDir());
        assertEquals(Path.of("/var/lib/blockhost/runtime"), layout.stateDir());
        assertEquals(Path.of("/var/lib/blockhost/plugins"), layout.pluginsDir());
    }

    @Test
    void devModeReadsEveryDirectory() {
        Map<String, String> p = Map.of(RuntimeLayout.MODE, "dev", RuntimeLayout.CONFIG_DIR, "/h/etc",
                RuntimeLayout.STATE_DIR, "/h/state/../state", RuntimeLayout.PLUGINS_DIR, "/h/plugins");
        RuntimeLayout layout = RuntimeLayout.from(p::get);
        assertTrue(layout.dev());
        assertEquals(Path.of("/h/etc"), layout.configDir());
        assertEquals(Path.of("/h/state"), layout.stateDir());
        assertEquals(Path.of("/h/plugins"), layout.pluginsDir());
    }
}
