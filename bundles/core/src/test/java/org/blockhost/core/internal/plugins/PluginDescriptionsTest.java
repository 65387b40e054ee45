package org.blockhost.core.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PluginDescriptionsTest {

    @Test
    void reportsTheInnermostCause() {
        String trace = "java.lang.reflect.InvocationTargetException\n\tat x.y(Z.java:1)\n"
                + "Caused by: java.lang.RuntimeException: outer\n\tat a.b\nCaused by: java.lang.IllegalStateException: "
                + "cannot reach the chain\n\tat c.d\n";
        assertEquals("activation failed: java.lang.IllegalStateException: cannot reach the chain",
                PluginDescriptions.rootCause(trace));
    }

    @Test
    void fallsBackToTheFirstLine() {
        assertEquals("activation failed: boom", PluginDescriptions.rootCause("boom\n\tat x"));
    }
}
