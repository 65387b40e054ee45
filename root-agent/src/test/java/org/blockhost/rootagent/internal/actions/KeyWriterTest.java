package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.TestSupport;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.daemon.Daemon;
import org.blockhost.rootagent.internal.osgi.InProcessAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** H5: key-write opens its directory without following symlinks and, in the daemon, only when it is root's alone. */
class KeyWriterTest {
    @TempDir
    Path dir;

    @Test
    void keysDirSwappedForASymlinkIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        try (InProcessAgent a = new InProcessAgent(AgentConfig.dev(dir, "daemon", "test:///default", null))) {
            a.call("key-write", Map.of("name", "first", "content", "one"));
            Path keys = dir.resolve("etc/blockhost/keys");
            Files.move(keys, dir.resolve("keys.old"));
            Files.createSymbolicLink(keys, elsewhere);
            RootAgentException e = assertThrows(RootAgentException.class,
                    () -> a.call("key-write", Map.of("name", "second", "content", "two")));
            assertEquals(RootAgentException.Kind.REJECTED, e.kind());
            assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        }
        try (var s = Files.list(elsewhere)) {
            assertEquals(0, s.count(), "nothing written through the symlink");
        }
    }

    @Test
    void daemonRefusesAKeysDirOthersCanWrite() throws Exception {
        assumeTrue(TestSupport.isRoot(), "ownership rules need root-owned directories");
        try (Daemon d = TestSupport.startInJvm(dir)) {
            Path sock = dir.resolve("agent.sock");
            assertTrue(TestSupport.call(sock, "key-write", Map.of("name", "a", "content", "x")).path("ok").asBoolean());
            Files.setPosixFilePermissions(dir.resolve("keys"), PosixFilePermissions.fromString("rwxrwx---"));
            JsonNode r = TestSupport.call(sock, "key-write", Map.of("name", "b", "content", "x"));
            assertEquals("rejected", r.path("kind").asText(), r.toString());
            assertTrue(r.path("error").asText().contains("writable by group or others"), r.toString());
            assertTrue(Files.notExists(dir.resolve("keys/b.key")));
        }
    }
}
