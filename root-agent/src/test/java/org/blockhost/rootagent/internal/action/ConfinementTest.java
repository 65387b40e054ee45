package org.blockhost.rootagent.internal.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.path.ConfinedPath;
import org.blockhost.rootagent.internal.path.Confinement;
import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.TestSupport;
import org.blockhost.rootagent.internal.daemon.Daemon;
import org.blockhost.rootagent.internal.osgi.InProcessAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A path swapped after validation is detected before (and after) the command runs. */
class ConfinementTest {
    static final Pattern ANY = Pattern.compile("[a-z0-9.]+");

    @TempDir
    Path dir;

    @Test
    void existingFileSwappedForSymlinkIsDetected() throws IOException {
        Path root = Files.createDirectories(dir.resolve("vms"));
        Path f = Files.writeString(root.resolve("a.qcow2"), "x");
        Path outside = Files.writeString(dir.resolve("target.qcow2"), "secret");
        ConfinedPath p = new Confinement(root, false).existingFile(f.toString(), ANY);
        p.recheck();
        Files.delete(f);
        Files.createSymbolicLink(f, outside);
        assertThrows(IOException.class, p::recheck);
    }

    @Test
    void existingFileReplacedByAnotherFileIsDetected() throws IOException {
        Path root = Files.createDirectories(dir.resolve("vms"));
        Path f = Files.writeString(root.resolve("a.qcow2"), "x");
        ConfinedPath p = new Confinement(root, false).existingFile(f.toString(), ANY);
        Path other = Files.writeString(root.resolve("b.qcow2"), "y");
        Files.move(other, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThrows(IOException.class, p::recheck);
    }

    @Test
    void newFileThatAppearsAsSymlinkIsDetected() throws IOException {
        Path root = Files.createDirectories(dir.resolve("vms"));
        ConfinedPath p = new Confinement(root, false).newFile(root.resolve("n.qcow2").toString(), ANY);
        p.recheck();
        Files.createSymbolicLink(root.resolve("n.qcow2"), dir.resolve("elsewhere"));
        assertThrows(IOException.class, p::recheck);
    }

    @Test
    void parentDirectorySwappedIsDetected() throws IOException {
        Path root = Files.createDirectories(dir.resolve("vms"));
        Path sub = Files.createDirectories(root.resolve("sub"));
        ConfinedPath p = new Confinement(root, false).newFile(sub.resolve("n.qcow2").toString(), ANY);
        Files.delete(sub);
        Files.createSymbolicLink(sub, Files.createDirectories(dir.resolve("out")));
        assertThrows(IOException.class, p::recheck);
    }

    @Test
    void rootItselfIsNotAFile() {
        assertThrows(IllegalArgumentException.class, () -> new Confinement(dir, false).existingFile(dir.toString(), ANY));
    }

    /** H5: a root (or an ancestor) that is a symlink is refused in dev mode too, never resolved. */
    @Test
    void symlinkedRootRejectsEveryPathAction() throws Exception {
        Path base = Files.createDirectories(dir.resolve("dev"));
        Path real = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createDirectories(base.resolve("var/lib/blockhost"));
        Files.createDirectories(base.resolve("etc/blockhost"));
        Path vms = Files.createSymbolicLink(base.resolve("var/lib/blockhost/vms"), Files.createDirectories(real.resolve("vms")));
        Path tpls = Files.createSymbolicLink(base.resolve("var/lib/blockhost/templates"),
                Files.createDirectories(real.resolve("templates")));
        Files.createSymbolicLink(base.resolve("etc/blockhost/keys"), Files.createDirectories(real.resolve("keys")));
        Files.writeString(real.resolve("templates/base.qcow2"), "x");
        Files.writeString(real.resolve("vms/blockhost-001.qcow2"), "x");
        Map<String, Map<String, Object>> calls = Map.of(
                "disk-create", Map.of("template", tpls.resolve("base.qcow2").toString(), "overlay",
                        vms.resolve("blockhost-002.qcow2").toString()),
                "seed-create", Map.of("output", vms.resolve("s.iso").toString(), "hostname", "h", "instance_id", "i",
                        "user", "alice", "engine", "evm", "wallet", "0x52908400098527886E0F7030069857D2E4169EE7", "nft_id", "7"),
                "vm-define", Map.of("name", "blockhost-001", "vcpus", 1, "memory_mib", 128,
                        "disk", vms.resolve("blockhost-001.qcow2").toString()),
                "vm-undefine", Map.of("name", "blockhost-001"),
                "key-write", Map.of("name", "k", "content", "x"),
                "template-build", Map.of("name", "t", "packages", List.of("bash")));
        try (InProcessAgent a = new InProcessAgent(AgentConfig.dev(base, "daemon", "test:///default", null))) {
            for (Map.Entry<String, Map<String, Object>> c : calls.entrySet()) {
                RootAgentException e = assertThrows(RootAgentException.class, () -> a.call(c.getKey(), c.getValue()),
                        c.getKey());
                assertEquals(RootAgentException.Kind.REJECTED, e.kind(), c.getKey() + ": " + e.getMessage());
                assertTrue(e.getMessage().contains("symbolic link"), c.getKey() + ": " + e.getMessage());
            }
            assertTrue(a.call("ping", Map.of()).containsKey("pong"), "actions without paths still work");
        }
        try (var s = Files.list(real.resolve("vms")); var k = Files.list(real.resolve("keys"))) {
            assertEquals(1, s.count(), "nothing created through the symlink");
            assertEquals(0, k.count());
        }
    }

    /** H5: the daemon refuses to start when a root's parent is group-writable (or a root is a symlink). */
    @Test
    void daemonRefusesUnsafeRoots() throws Exception {
        assumeTrue(TestSupport.isRoot(), "ownership rules need root-owned directories");
        Path parent = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwx---"));
        IOException e = assertThrows(IOException.class, () -> TestSupport.startInJvm(parent).close());
        assertTrue(e.getMessage().contains("writable by group or others"), e.getMessage());
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-x---"));
        Path real = Files.createDirectories(dir.resolve("real-vms"));
        Files.createSymbolicLink(dir.resolve("link-vms"), real);
        e = assertThrows(IOException.class, () -> TestSupport.startInJvm(parent, "--vm-dir", dir.resolve("link-vms").toString()).close());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        try (Daemon d = TestSupport.startInJvm(parent)) {
            Path sock = parent.resolve("agent.sock");
            Files.move(parent.resolve("vms"), parent.resolve("vms.real"));
            Files.createSymbolicLink(parent.resolve("vms"), real);
            JsonNode r = TestSupport.call(sock, "seed-create", Map.of("output", parent.resolve("vms/s.iso").toString(),
                    "hostname", "h", "instance_id", "i", "user", "alice", "engine", "evm",
                    "wallet", "0x52908400098527886E0F7030069857D2E4169EE7", "nft_id", "7"));
            assertEquals("rejected", r.path("kind").asText(), r.toString());
            assertTrue(TestSupport.call(sock, "ping", Map.of()).path("ok").asBoolean());
        }
    }
}
