package org.blockhost.rootagent.internal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.blockhost.rootagent.internal.TestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's unit may run {@code agetty --reload} (console-issue) under {@code ProtectSystem=strict}:
 * its trigger file is in {@code ReadWritePaths} and made at boot by the tmpfiles entry, which also
 * removes an earlier boot's setup code. systemd itself cannot run here: its read-only {@code /run}
 * with the file bound writable is rebuilt in a mount namespace.
 */
class ConsoleReloadUnitTest {
    private static final String AGENT = "blockhost-root-agent.service";
    private static final String RELOAD = "/run/agetty.reload";

    @TempDir
    Path dir;

    private static List<String> readWritePaths() throws Exception {
        List<String> paths = new ArrayList<>();
        for (String l : UnitFiles.read(AGENT).split("\n")) {
            if (l.startsWith("ReadWritePaths=")) {
                paths.addAll(Arrays.asList(l.substring("ReadWritePaths=".length()).strip().split("\\s+")));
            }
        }
        return paths;
    }

    private static Path tmpfiles() {
        return UnitFiles.path(AGENT).resolveSibling("blockhost-root-agent.tmpfiles.conf");
    }

    @Test
    void bootRemovesTheStaleCodeAndMakesTheTrigger() throws Exception {
        assumeTrue(TestSupport.isRoot() && TestSupport.has("systemd-tmpfiles"), "owned files need root");
        Path issue = Files.createDirectories(dir.resolve("etc/issue.d")).resolve("blockhost.issue");
        Files.writeString(issue, "an earlier boot's code\n");
        Files.writeString(issue.resolveSibling("blockhost-login.issue"), "first boot's one-time password\n");
        TestSupport.run(null, "systemd-tmpfiles", "--root=" + dir, "--create", tmpfiles().toString());
        assertTrue(Files.exists(issue), "a package install (--create) keeps the current code");
        TestSupport.run(null, "systemd-tmpfiles", "--root=" + dir, "--create", "--remove", "--boot", tmpfiles().toString());
        assertFalse(Files.exists(issue), "at boot the earlier code is gone before any getty shows it");
        assertTrue(Files.exists(issue.resolveSibling("blockhost-login.issue")), "other issue files stay");
        Path trigger = dir.resolve(RELOAD.substring(1));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(trigger)));
    }

    @Test
    void agettyReloadWorksUnderTheUnitsReadOnlyRun() throws Exception {
        assertTrue(readWritePaths().contains("-" + RELOAD), readWritePaths().toString());
        assumeTrue(TestSupport.isRoot() && TestSupport.has("unshare") && TestSupport.has("agetty"), "needs root");
        TestSupport.run(null, "systemd-tmpfiles", "--create", "--prefix=" + RELOAD, tmpfiles().toString());
        assertTrue(Files.exists(Path.of(RELOAD)), "made by the tmpfiles entry");
        String strict = "mount --bind /run /run && mount -o remount,bind,ro /run && ";
        List<String> out = new ArrayList<>();
        assertNotEquals(0, TestSupport.run(out, "unshare", "-m", "sh", "-c", strict + "agetty --reload"),
                "read-only /run refuses the trigger: the check is meaningful");
        assertEquals(0, TestSupport.run(out, "unshare", "-m", "sh", "-c", strict
                + "mount --bind " + RELOAD + " " + RELOAD + " && mount -o remount,bind,rw " + RELOAD + " && agetty --reload"),
                out.toString());
    }
}
