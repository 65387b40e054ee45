package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.TestSupport;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.osgi.InProcessAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * M3: the VM directory is a 64 KiB tmpfs, so the real genisoimage / qemu-img write part of their
 * output and fail with ENOSPC. Nothing may be left, neither under the final name (a later retry
 * would reuse a truncated seed) nor as a temporary file.
 */
class PartialFilesTest {
    @TempDir
    Path dir;
    Path vms;
    InProcessAgent agent;

    @BeforeEach
    void mountFullDisk() throws Exception {
        assumeTrue(TestSupport.isRoot() && TestSupport.has("mount"), "needs root to mount a tmpfs");
        vms = Files.createDirectories(dir.resolve("var/lib/blockhost/vms"));
        assertEquals(0, TestSupport.run(null, "mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", vms.toString()));
        agent = new InProcessAgent(AgentConfig.dev(dir, "daemon", "qemu:///session", null));
    }

    @AfterEach
    void unmount() throws Exception {
        if (agent != null) {
            agent.close();
            TestSupport.run(null, "umount", vms.toString());
        }
    }

    List<Path> left() throws Exception {
        try (Stream<Path> s = Files.list(vms)) {
            return s.toList();
        }
    }

    @Test
    void seedCreateThatRunsOutOfSpaceLeavesNoFile() throws Exception {
        assumeTrue(TestSupport.has("genisoimage") || TestSupport.has("xorriso"));
        RootAgentException e = assertThrows(RootAgentException.class, () -> agent.call("seed-create", Map.of(
                "output", vms.resolve("blockhost-001-seed.iso").toString(), "hostname", "blockhost-001",
                "instance_id", "bh-001", "user", "admin", "engine", "evm",
                "wallet", "0x52908400098527886E0F7030069857D2E4169EE7", "nft_id", "7")));
        assertEquals(RootAgentException.Kind.FAILED, e.kind(), e.getMessage());
        assertEquals(List.of(), left());
    }

    @Test
    void diskCreateThatRunsOutOfSpaceLeavesNoFile() throws Exception {
        assumeTrue(TestSupport.has("qemu-img"));
        Path tpl = Files.createDirectories(dir.resolve("var/lib/blockhost/templates")).resolve("base.qcow2");
        assertEquals(0, TestSupport.run(null, "qemu-img", "create", "-q", "-f", "qcow2", tpl.toString(), "64M"));
        RootAgentException e = assertThrows(RootAgentException.class, () -> agent.call("disk-create", Map.of(
                "template", tpl.toString(), "overlay", vms.resolve("blockhost-001.qcow2").toString(), "size_gib", 1)));
        assertEquals(RootAgentException.Kind.FAILED, e.kind(), e.getMessage());
        assertEquals(List.of(), left());
    }
}
