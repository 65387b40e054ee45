package org.blockhost.rootagent.internal.daemon;

import static org.blockhost.rootagent.internal.TestSupport.call;
import static org.blockhost.rootagent.internal.TestSupport.connect;
import static org.blockhost.rootagent.internal.TestSupport.exchange;
import static org.blockhost.rootagent.internal.TestSupport.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.TestSupport;
import org.blockhost.rootagent.internal.client.SocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsclub.net.unix.AFUNIXSocket;

/** The wire protocol over a real socket: bad frames and requests get clear errors, serving goes on. */
class ProtocolTest {
    @TempDir
    static Path dir;
    static Daemon daemon;
    static Path sock;

    @BeforeAll
    static void start() throws IOException {
        daemon = TestSupport.startInJvm(dir, "--read-timeout", "1", "--idle-timeout", "2");
        sock = dir.resolve("agent.sock");
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    static void assertStillServing() throws IOException {
        JsonNode r = call(sock, "ping", Map.of());
        assertTrue(r.path("ok").asBoolean(), r.toString());
    }

    static void assertError(JsonNode r, String kind, String fragment) {
        assertFalse(r.path("ok").asBoolean(true), r.toString());
        assertEquals(kind, r.path("kind").asText(), r.toString());
        assertTrue(r.path("error").asText().contains(fragment), r.toString());
    }

    @Test
    void ping() throws IOException {
        assertStillServing();
    }

    @Test
    void oversizeFrameIsRefusedAndConnectionClosed() throws IOException {
        try (AFUNIXSocket s = connect(sock)) {
            JsonNode r = exchange(s, new byte[] {0, 1, 0, 1});
            assertError(r, "rejected", "larger than");
            assertEquals(-1, s.getInputStream().read());
        }
        try (AFUNIXSocket s = connect(sock)) {
            assertError(exchange(s, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}), "rejected", "larger");
        }
        assertStillServing();
    }

    @Test
    void zeroLengthFrameIsAnErrorButTheConnectionGoesOn() throws IOException {
        try (AFUNIXSocket s = connect(sock)) {
            assertError(exchange(s, new byte[4]), "rejected", "empty frame");
            assertTrue(exchange(s, frame("{\"action\":\"ping\",\"params\":{}}")).path("ok").asBoolean());
        }
    }

    @Test
    void truncatedFrameTimesOutAndOthersAreServed() throws Exception {
        try (AFUNIXSocket s = connect(sock)) {
            s.getOutputStream().write(new byte[] {0, 0, 0, 100, '{', '"'});
            assertStillServing();
            JsonNode r = exchange(s, new byte[0]);
            assertError(r, "rejected", "truncated");
        }
        try (AFUNIXSocket s = connect(sock)) {
            s.getOutputStream().write(new byte[] {0, 0});
            s.shutdownOutput();
            assertEquals(-1, s.getInputStream().read());
        }
        assertStillServing();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "not json", "[]", "\"x\"", "{\"action\":\"ping\"}", "{\"action\":1,\"params\":{}}",
        "{\"action\":\"ping\",\"params\":{}} trailing", "{\"action\":\"ping\",\"action\":\"ping\",\"params\":{}}",
        "{\"action\":\"ping\",\"params\":[]}", "{\"action\":\"ping\",\"params\":{},\"extra\":1}",
        "{\"action\":\"ping\",\"params\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{}}}}}}}}}}"})
    void invalidRequestsAreRejected(String json) throws IOException {
        try (AFUNIXSocket s = connect(sock)) {
            JsonNode r = exchange(s, frame(json));
            assertEquals("rejected", r.path("kind").asText(), r.toString());
            assertTrue(exchange(s, frame("{\"action\":\"ping\",\"params\":{}}")).path("ok").asBoolean());
        }
    }

    @Test
    void invalidUtf8IsRejected() throws IOException {
        try (AFUNIXSocket s = connect(sock)) {
            assertEquals("rejected", exchange(s, new byte[] {0, 0, 0, 3, '"', (byte) 0xc3, '"'}).path("kind").asText());
        }
    }

    @Test
    void unknownActionMissingExtraAndMistypedParameters() throws IOException {
        assertError(call(sock, "rm-rf", Map.of()), "rejected", "unknown action 'rm-rf'");
        assertError(call(sock, "firewall-open", Map.of("port", 22, "proto", "tcp", "source", "10.0.0.1")),
                "rejected", "missing parameter 'ttl'");
        assertError(call(sock, "ping", Map.of("x", 1)), "rejected", "has no parameter 'x'");
        assertError(call(sock, "firewall-open", Map.of("port", "22", "proto", "tcp", "source", "10.0.0.1", "ttl", 5)),
                "rejected", "parameter 'port'");
        assertError(call(sock, "firewall-open", Map.of("port", 22.5, "proto", "tcp", "source", "10.0.0.1", "ttl", 5)),
                "rejected", "parameter 'port'");
        assertError(call(sock, "vm-start", Map.of("name", true)), "rejected", "parameter 'name'");
        assertStillServing();
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        try (AFUNIXSocket s = connect(sock)) {
            Thread.sleep(2500);
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void clientMapsErrorsToKinds() throws Exception {
        SocketClient c = new SocketClient(sock, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertEquals(Map.of("pong", true), c.call("ping", Map.of()));
        RootAgentException e = assertThrows(RootAgentException.class, () -> c.call("nope", Map.of()));
        assertEquals(RootAgentException.Kind.REJECTED, e.kind());
        e = assertThrows(RootAgentException.class, () -> c.call("vm-start", Map.of("name", "blockhost-999")));
        assertEquals(RootAgentException.Kind.FAILED, e.kind());
    }

    @Test
    void clientSaysUnavailableWhenTheDaemonIsDown() {
        SocketClient c = new SocketClient(dir.resolve("nobody-here.sock"), Duration.ofSeconds(1), Duration.ofSeconds(1));
        RootAgentException e = assertThrows(RootAgentException.class, () -> c.call("ping", Map.of()));
        assertEquals(RootAgentException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    void auditLogHasCallsButNoSecrets() throws Exception {
        call(sock, "key-write", Map.of("name", "audit-probe", "content", "SUPERSECRET-VALUE"));
        call(sock, "key-write", Map.of("name", "bad name", "content", "SUPERSECRET-OTHER"));
        String log = java.nio.file.Files.readString(dir.resolve("state/audit.log"));
        assertTrue(log.contains("action=key-write"), log);
        assertTrue(log.contains("name=audit-probe"), log);
        assertFalse(log.contains("SUPERSECRET"), log);
    }
}
