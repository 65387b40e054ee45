package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files the template carries besides its packages: fstab, cloud-init datasource, boot menu. */
final class GuestFiles {
    private GuestFiles() {
    }

    static void write(Path rootfs) throws IOException {
        put(rootfs, "etc/fstab", "LABEL=root / ext4 errors=remount-ro 0 1\n");
        put(rootfs, "etc/hostname", "blockhost\n");
        put(rootfs, "etc/cloud/cloud.cfg.d/90-blockhost.cfg", "datasource_list: [ NoCloud, None ]\n");
        put(rootfs, "etc/network/interfaces", "source /etc/network/interfaces.d/*\nauto lo\niface lo inet loopback\n");
        Files.deleteIfExists(rootfs.resolve("etc/machine-id"));
        put(rootfs, "etc/machine-id", "");
        clear(rootfs.resolve("var/cache/apt/archives"), ".deb");
        // every guest gets its own host keys (cloud-init regenerates them before sshd starts)
        clearPrefix(rootfs.resolve("etc/ssh"), "ssh_host_");
    }

    static String syslinuxConfig() {
        return "DEFAULT linux\nTIMEOUT 1\nPROMPT 0\nLABEL linux\n  KERNEL vmlinuz\n"
                + "  APPEND initrd=initrd.img root=LABEL=root rw console=ttyS0 net.ifnames=0\n";
    }

    private static void put(Path rootfs, String rel, String content) throws IOException {
        Path p = rootfs.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private static void clearPrefix(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().startsWith(prefix)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void clear(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().endsWith(suffix)) {
                    Files.delete(p);
                }
            }
        }
    }
}
