package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files the template carries besides its packages: fstab, cloud-init datasource, boot menu. Every
 * path is resolved inside the rootfs ({@link RootfsPath}): a symlink shipped by a package never
 * redirects a write, or a delete, to the host.
 */
final class GuestFiles {
    private GuestFiles() {
    }

    static void write(Path rootfs) throws IOException {
        put(rootfs, "etc/fstab", "LABEL=root / ext4 errors=remount-ro 0 1\n");
        put(rootfs, "etc/hostname", "blockhost\n");
        put(rootfs, "etc/cloud/cloud.cfg.d/90-blockhost.cfg", "datasource_list: [ NoCloud, None ]\n");
        put(rootfs, "etc/network/interfaces", "source /etc/network/interfaces.d/*\nauto lo\niface lo inet loopback\n");
        put(rootfs, "etc/machine-id", "");
        clear(rootfs, "var/cache/apt/archives", ".deb", false);
        // every guest gets its own host keys (cloud-init regenerates them before sshd starts)
        clear(rootfs, "etc/ssh", "ssh_host_", true);
    }

    static String syslinuxConfig() {
        return "DEFAULT linux\nTIMEOUT 1\nPROMPT 0\nLABEL linux\n  KERNEL vmlinuz\n"
                + "  APPEND initrd=initrd.img root=LABEL=root rw console=ttyS0 net.ifnames=0\n";
    }

    private static void put(Path rootfs, String rel, String content) throws IOException {
        RootfsPath.write(rootfs, rel, content.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Deletes the entries of {@code rel} whose names start ({@code prefix}) or end with {@code affix}. */
    private static void clear(Path rootfs, String rel, String affix, boolean prefix) throws IOException {
        Path dir;
        try {
            dir = RootfsPath.dir(rootfs, rel);
        } catch (IOException e) {
            if (Files.exists(rootfs.resolve(rel), LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
            return;
        }
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (prefix ? n.startsWith(affix) : n.endsWith(affix)) {
                    Files.delete(p);
                }
            }
        }
    }
}
