package org.blockhost.rootagent.internal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.TestSupport;
import org.blockhost.rootagent.internal.protocol.Frames;
import org.blockhost.rootagent.internal.protocol.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXSocket;

/** The worker pool and the per-caller rate limit are bounded and say so clearly. */
class LimitsTest {
    @TempDir
    Path dir;

    @Test
    void busyWorkersRefuseNewConnectionsAndRecover() throws Exception {
        try (Daemon d = TestSupport.startInJvm(dir, "--workers", "2", "--connections-per-uid", "4",
                "--idle-timeout", "2")) {
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

    /** L1: the read timeout bounds a whole frame, not each read: dribbling one byte a second does not help. */
    @Test
    void dribblingClientIsClosedAfterTheFrameDeadline() throws Exception {
        try (Daemon d = TestSupport.startInJvm(dir, "--read-timeout", "2", "--idle-timeout", "30")) {
            try (AFUNIXSocket s = TestSupport.connect(dir.resolve("agent.sock"))) {
                OutputStream out = s.getOutputStream();
                out.write(new byte[] {0, 0, 0, 64});
                out.flush();
                long start = System.nanoTime();
                Thread dribbler = new Thread(() -> {
                    for (int i = 0; i < 10; i++) {
                        try {
                            Thread.sleep(1000);
                            out.write('x');
                            out.flush();
                        } catch (IOException | InterruptedException e) {
                            return;
                        }
                    }
                });
                dribbler.setDaemon(true);
                dribbler.start();
                byte[] f = Frames.read(s.getInputStream());
                JsonNode r = f == null ? null : Wire.JSON.readTree(f);
                dribbler.interrupt();
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                assertTrue(r != null && r.path("error").asText().contains("read timeout"), "closed with an error: " + r);
                assertTrue(seconds <= 4, "closed after the 2 s frame deadline, not per byte: " + seconds + " s");
            }
        }
    }

    /** L1: one uid cannot hold every worker; other callers are still served. */
    @Test
    void connectionsPerUidAreCapped() throws Exception {
        assumeTrue(TestSupport.isRoot() && TestSupport.has("setpriv"), "needs root and setpriv for a second uid");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Daemon d = TestSupport.startInJvm(dir, "--workers", "8", "--connections-per-uid", "2")) {
            Path sock = dir.resolve("agent.sock");
            try (AFUNIXSocket a = TestSupport.connect(sock); AFUNIXSocket b = TestSupport.connect(sock)) {
                Thread.sleep(200);
                JsonNode r = TestSupport.call(sock, "ping", Map.of());
                assertEquals("unavailable", r.path("kind").asText(), r.toString());
                assertTrue(r.path("error").asText().contains("too many connections"), r.toString());
                List<String> out = new ArrayList<>();
                TestSupport.run(out, "setpriv", "--reuid=daemon", "--regid=daemon", "--clear-groups", "/usr/bin/python3",
                        "-c", PeerCredentialsTest.CLIENT, sock.toString());
                assertTrue(out.get(0).contains("\"ok\":true"), "another uid is still served: " + out);
                assertTrue(TestSupport.exchange(a, TestSupport.frame("{\"action\":\"ping\",\"params\":{}}"))
                        .path("ok").asBoolean(), "open connections keep being served");
            }
            Thread.sleep(300);
            assertTrue(TestSupport.call(sock, "ping", Map.of()).path("ok").asBoolean(), "slots are released on close");
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
