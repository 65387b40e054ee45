package org.blockhost.rootagent.internal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.TestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXSocket;

/** The worker pool and the per-caller rate limit are bounded and say so clearly. */
class LimitsTest {
    @TempDir
    Path dir;

    @Test
    void busyWorkersRefuseNewConnectionsAndRecover() throws Exception {
        try (Daemon d = TestSupport.startInJvm(dir, "--workers", "2", "--idle-timeout", "2")) {
            Path sock = dir.resolve("agent.sock");
            try (AFUNIXSocket a = TestSupport.connect(sock); AFUNIXSocket b = TestSupport.connect(sock)) {
                Thread.sleep(200);
                JsonNode r = TestSupport.call(sock, "ping", Map.of());
                assertEquals("unavailable", r.path("kind").asText(), r.toString());
                assertTrue(r.path("error").asText().contains("busy"));
                assertTrue(TestSupport.exchange(a, TestSupport.frame("{\"action\":\"ping\",\"params\":{}}"))
                        .path("ok").asBoolean(), "connected clients keep being served");
            }
            Thread.sleep(300);
            assertTrue(TestSupport.call(sock, "ping", Map.of()).path("ok").asBoolean());
        }
    }

    @Test
    void rateLimitPerCaller() throws Exception {
        try (Daemon d = TestSupport.startInJvm(dir, "--rate", "1")) {
            Path sock = dir.resolve("agent.sock");
            int limited = 0;
            for (int i = 0; i < 6; i++) {
                JsonNode r = TestSupport.call(sock, "ping", Map.of());
                if (r.path("error").asText().contains("rate limit")) {
                    limited++;
                }
            }
            assertTrue(limited >= 3, "burst of 2, then limited: " + limited);
        }
    }
}
