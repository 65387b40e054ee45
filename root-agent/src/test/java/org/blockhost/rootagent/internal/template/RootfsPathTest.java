package org.blockhost.rootagent.internal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * L4: a crafted guest rootfs with absolute and escaping symlinks (as a package could ship them):
 * the template's own writes, deletes and boot-file picks stay inside the rootfs.
 */
class RootfsPathTest {
    @TempDir
    Path dir;
    Path rootfs;
    Path host;

    @BeforeEach
    void setUp() throws IOException {
        rootfs = Files.createDirectories(dir.resolve("rootfs"));
        host = Files.createDirectories(dir.resolve("host"));
    }

    private Path hostFile(String name) throws IOException {
        return Files.writeString(host.resolve(name), "host data\n");
    }

    @Test
    void absoluteSymlinkedFilesAreReplacedNotWrittenThrough() throws Exception {
        Files.createDirectories(rootfs.resolve("etc"));
        Path fstab = hostFile("fstab");
        Path machineId = hostFile("machine-id");
        Files.createSymbolicLink(rootfs.resolve("etc/fstab"), fstab);
        Files.createSymbolicLink(rootfs.resolve("etc/machine-id"), machineId);
        GuestFiles.write(rootfs);
        assertEquals("host data\n", Files.readString(fstab));
        assertEquals("host data\n", Files.readString(machineId));
        assertTrue(Files.isRegularFile(rootfs.resolve("etc/fstab"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("LABEL=root / ext4 errors=remount-ro 0 1\n", Files.readString(rootfs.resolve("etc/fstab")));
    }

    @Test
    void anAbsoluteSymlinkedDirectoryIsRefused() throws Exception {
        Files.createSymbolicLink(rootfs.resolve("etc"), host);
        IOException e = assertThrows(IOException.class, () -> GuestFiles.write(rootfs));
        assertTrue(e.getMessage().contains("absolute"), e.getMessage());
        try (var s = Files.list(host)) {
            assertEquals(0, s.count(), "nothing written on the host");
        }
    }

    @Test
    void aRelativeSymlinkClimbingOutIsRefused() throws Exception {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.createSymbolicLink(rootfs.resolve("etc/cloud"), Path.of("../../host"));
        assertThrows(IOException.class, () -> GuestFiles.write(rootfs));
        try (var s = Files.list(host)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void relativeSymlinksInsideTheRootfsAreFollowed() throws Exception {
        Files.createDirectories(rootfs.resolve("usr/etc"));
        Files.createSymbolicLink(rootfs.resolve("etc"), Path.of("usr/etc"));
        GuestFiles.write(rootfs);
        assertEquals("blockhost\n", Files.readString(rootfs.resolve("usr/etc/hostname")));
    }

    @Test
    void deletesDoNotFollowASymlinkedDirectory() throws Exception {
        Files.createDirectories(rootfs.resolve("etc"));
        Path keys = Files.createDirectories(host.resolve("ssh"));
        Files.writeString(keys.resolve("ssh_host_ed25519_key"), "host key");
        Files.createSymbolicLink(rootfs.resolve("etc/ssh"), keys);
        assertThrows(IOException.class, () -> GuestFiles.write(rootfs));
        assertTrue(Files.exists(keys.resolve("ssh_host_ed25519_key")), "the host's key survives");
    }

    @Test
    void policyRcDIsWrittenInsideTheRootfs() throws Exception {
        Files.createDirectories(rootfs.resolve("usr/sbin"));
        Path target = hostFile("shadow");
        Files.createSymbolicLink(rootfs.resolve("usr/sbin/policy-rc.d"), target);
        Path p = LocalPackages.writePolicy(rootfs);
        assertEquals("host data\n", Files.readString(target));
        assertEquals("#!/bin/sh\nexit 101\n", Files.readString(p));
        assertTrue(Files.isExecutable(p) && !Files.isSymbolicLink(p));
        Files.delete(p);
        Files.delete(rootfs.resolve("usr/sbin"));
        Files.delete(rootfs.resolve("usr"));
        Files.createSymbolicLink(rootfs.resolve("usr"), host);
        assertThrows(IOException.class, () -> LocalPackages.writePolicy(rootfs));
        assertFalse(Files.exists(host.resolve("sbin")));
    }

    @Test
    void symlinkedKernelsAreNeverPicked() throws Exception {
        Path boot = Files.createDirectories(rootfs.resolve("boot"));
        Files.writeString(boot.resolve("vmlinuz-6.1.0-1-amd64"), "kernel");
        Files.createSymbolicLink(boot.resolve("vmlinuz-9.9.9"), hostFile("secret"));
        assertEquals(boot.resolve("vmlinuz-6.1.0-1-amd64").toRealPath(),
                TemplateBuilder.newest(RootfsPath.dir(rootfs, "boot"), "vmlinuz-*"));
        Files.delete(boot.resolve("vmlinuz-6.1.0-1-amd64"));
        assertThrows(IOException.class, () -> TemplateBuilder.newest(RootfsPath.dir(rootfs, "boot"), "vmlinuz-*"));
        Files.delete(boot.resolve("vmlinuz-9.9.9"));
        Files.delete(boot);
        Files.createSymbolicLink(rootfs.resolve("boot"), host);
        assertThrows(IOException.class, () -> RootfsPath.dir(rootfs, "boot"), "an absolute /boot link is refused");
    }
}
