package org.blockhost.rootagent.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client as the ISO's first boot runs it: {@code java -cp <the built jar> ...Call}, with nothing
 * but the jar and its {@code lib/} (the package's layout). With no agent on the socket it must say so
 * (exit 1, "unreachable") rather than fail to load its classes (it did: the API package was missing).
 */
class CallJarIT {
    @TempDir
    Path dir;

    @Test
    void theShippedJarRunsTheClient() throws Exception {
        Path jar = Path.of(System.getProperty("blockhost.test.bundle"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                jar.toString(), "org.blockhost.rootagent.internal.client.Call", "--socket", dir.resolve("none.sock").toString(),
                "ping", "{}").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), out);
        assertTrue(out.contains("root agent unreachable"), out);
        assertFalse(out.contains("NoClassDefFoundError"), out);
        assertTrue(List.of(out.split("\n")).size() <= 2, out);
    }
}
