package org.blockhost.app.internal.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Debian packages the reactor builds (jdeb, in the package phase of their modules): reproducible,
 * lintian without errors, root-owned files, units that pass {@code systemd-analyze verify}, and the
 * installed directory layout that H5 asks for. Runs after bundles/app is packaged, so the other
 * modules' packages must have been built in the same reactor (README "Install on a host").
 */
class PackagesIT {

    private static final Path ROOT = Path.of(System.getProperty("blockhost.root", "../.."));
    private static final String VERSION = System.getProperty("blockhost.deb.version", "0.1.0~snapshot");
    private static final long MTIME = Instant.parse(
            System.getProperty("blockhost.outputTimestamp", "2026-01-01T00:00:00Z")).getEpochSecond();

    static Stream<Deb> debs() {
        return Stream.of(Deb.of(ROOT, "bundles/app", "blockhost-runtime", VERSION),
                Deb.of(ROOT, "root-agent", "blockhost-root-agent", VERSION),
                Deb.of(ROOT, "engine-evm-bundle", "blockhost-engine-evm", VERSION),
                Deb.of(ROOT, "engine-opnet-bundle", "blockhost-engine-opnet", VERSION, "amd64"),
                Deb.of(ROOT, "provisioner-libvirt-bundle", "blockhost-provisioner-libvirt", VERSION),
                Deb.of(ROOT, "provisioner-proxmox-bundle", "blockhost-provisioner-proxmox", VERSION));
    }

    @ParameterizedTest
    @MethodSource("debs")
    void twoBuildsGiveTheSameBytesWithFixedTimesAndSortedFiles(Deb deb) throws Exception {
        assertTrue(Files.isRegularFile(deb.file()), deb.file() + " is missing: build the reactor (mvn -B package)");
        assertArrayEquals(Files.readAllBytes(deb.file()), Files.readAllBytes(deb.again()), deb.name());
        List<String> files = new ArrayList<>();
        for (Deb.Entry e : deb.entries()) {
            assertEquals(MTIME, e.mtime(), "mtime of " + e.path());
            if (!e.isDirectory()) {
                files.add(e.path());
            }
        }
        assertEquals(files.stream().sorted().toList(), files, "files of " + deb.name() + " in sorted order");
    }

    @ParameterizedTest
    @MethodSource("debs")
    void lintianFindsNoError(Deb deb) throws Exception {
        // 600 s: the OPNet package (Node 24 and ~13,000 npm files) takes lintian about 1-2.5 min on a loaded machine
        Deb.Result r = Deb.run(List.of("lintian", "--no-cfg", "--allow-root", "--fail-on", "error",
                deb.file().toString()), null, 600);
        assertFalse(r.out().lines().anyMatch(l -> l.startsWith("E: ")), r.out());
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    @ParameterizedTest
    @MethodSource("debs")
    void everyFileIsRootsAndWritableOnlyByRoot(Deb deb) throws Exception {
        for (Deb.Entry e : deb.entries()) {
            assertEquals("0/0", e.owner(), "owner of " + e.path());
            if (!e.mode().startsWith("l")) {
                assertTrue(e.mode().charAt(5) != 'w' && e.mode().charAt(8) != 'w', e.mode() + " " + e.path());
            }
            assertFalse(e.mode().matches(".*[sStT].*"), "set-id or sticky: " + e.mode() + " " + e.path());
        }
    }

    @Test
    void everyUnitPassesSystemdAnalyzeVerify(@TempDir Path root) throws Exception {
        Path units = installAll(root).resolve("lib/systemd/system");
        // the host's units (sysinit.target, ...) next to ours; java is a dependency, not in our packages
        assertEquals(0, Deb.run(List.of("cp", "-an", "/lib/systemd/system/.", units.toString()), null).exit());
        Path java = Files.createDirectories(root.resolve("usr/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> ours = List.of("blockhost-runtime.service", "blockhost-root-agent.service",
                "blockhost-template-build.service");
        for (String unit : ours) {
            Deb.Result r = Deb.run(List.of("systemd-analyze", "verify", "--root=" + root,
                    units.resolve(unit).toString()), null);
            assertEquals(0, r.exit(), unit + ": " + r.err());
            assertEquals("", r.err().strip(), unit);
        }
        assertTrue(Files.readAllLines(units.resolve("blockhost-runtime.service")).contains("User=blockhost"));
    }

    /** H5: the runtime owns only its own directories; the agent's roots and their parents are root's. */
    @Test
    void installedLayoutLeavesTheAgentsRootsToRoot(@TempDir Path root) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "creating owned directories needs root");
        installAll(root);
        assertEquals(0, Deb.run(List.of("systemd-sysusers", "--root=" + root), null).exit());
        Deb.Result t = Deb.run(List.of("systemd-tmpfiles", "--root=" + root, "--create",
                "blockhost-runtime.conf", "blockhost-root-agent.conf"), null);
        assertEquals(0, t.exit(), t.err());
        Layout layout = Layout.read(root);
        for (String own : List.of("etc/blockhost/runtime", "var/lib/blockhost/runtime")) {
            layout.assertOwned(own, layout.uid("blockhost"), layout.gid("blockhost"), "rwxr-x---");
        }
        for (String confined : List.of("etc/blockhost/keys", "var/lib/blockhost/vms", "var/lib/blockhost/templates")) {
            layout.assertOwned(confined, 0, layout.gid("blockhost"), "rwxr-x---");
            layout.assertRootsAlone(confined);
        }
        layout.assertOwned("var/lib/blockhost/plugins", 0, 0, "rwxr-xr-x");
        layout.gid("blockhost-ops");
        layout.gid("blockhost-treasury");
        assertTrue(layout.passwdLine("blockhost").endsWith(":/usr/sbin/nologin"));
        assertFalse(Files.isSymbolicLink(root.resolve("etc/blockhost")), "etc/blockhost");
        assertTrue(Files.isDirectory(root.resolve("etc/blockhost/keys"), LinkOption.NOFOLLOW_LINKS));
    }

    private static Path installAll(Path root) throws IOException, InterruptedException {
        for (Deb deb : debs().toList()) {
            deb.extractTo(root);
        }
        return root;
    }
}
