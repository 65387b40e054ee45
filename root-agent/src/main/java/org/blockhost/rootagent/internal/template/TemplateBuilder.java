package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a Debian template straight into a qcow2, without mounting: debootstrap into a directory
 * (Release signature checked against the Debian archive keyring, or the build fails), {@code mkfs.ext4 -d}
 * for the root partition, a FAT boot partition with SYSLINUX (installed by mtools), a DOS partition
 * table by sfdisk, then {@code qemu-img convert}. Needs root (debootstrap).
 */
public final class TemplateBuilder implements ImageBuilder {
    static final String MBR = "/usr/lib/syslinux/mbr/mbr.bin";
    /** debootstrap checks the suite's Release signature against this keyring (package debian-archive-keyring). */
    static final Path KEYRING = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");
    static final String[] TOOLS = {"debootstrap", "gpgv", "mkfs.ext4", "mkfs.vfat", "mcopy", "syslinux", "sfdisk",
        "qemu-img", "chroot"};
    private static final Duration LONG = Duration.ofMinutes(30);
    private static final Duration SHORT = Duration.ofMinutes(5);

    private final Path templateDir;
    private final Duration buildTime;

    /**
     * @param templateDir where {@code packages/} holds the recipe's local .deb files
     * @param limit the unit's limit for the whole build ({@link BuildTimeLimit})
     */
    public TemplateBuilder(Path templateDir, Duration limit) {
        this.templateDir = templateDir;
        this.buildTime = BuildBudget.forLimit(limit);
    }

    @Override
    public Path build(Recipe recipe, Path work) throws IOException {
        Files.createDirectories(work);
        BuildCommands cmd = new BuildCommands(work.resolve("build.log"), BuildBudget.start(buildTime));
        Path rootfs = work.resolve("rootfs");
        Path debs = Files.createDirectories(work.getParent().resolve(".debootstrap-cache"));
        // debootstrap may take what is left of the build (the other commands are quick but for a slow disk)
        cmd.run(debootstrap(recipe, debs, rootfs, KEYRING), buildTime);
        LocalPackages.install(cmd, templateDir, rootfs, recipe.localPackages());
        GuestFiles.write(rootfs);
        Path boot = bootPartition(cmd, rootfs, work);
        Path root = work.resolve("root.img");
        long rootBytes = recipe.sizeGib() * 1024 * DiskImage.MIB - DiskImage.rootOffset();
        DiskImage.sparseFile(root, rootBytes);
        cmd.run(List.of("mkfs.ext4", "-q", "-F", "-L", "root", "-d", rootfs.toString(), root.toString()), LONG);
        Path raw = work.resolve("disk.raw");
        DiskImage.sparseFile(raw, recipe.sizeGib() * 1024 * DiskImage.MIB);
        cmd.run(List.of("sfdisk", "--no-reread", "--no-tell-kernel", raw.toString()), DiskImage.partitionScript(), SHORT);
        DiskImage.copyInto(boot, raw, DiskImage.MIB);
        DiskImage.copyInto(root, raw, DiskImage.rootOffset());
        DiskImage.bootCode(Path.of(MBR), raw);
        Path qcow2 = work.resolve(recipe.name() + ".qcow2");
        cmd.run(List.of("qemu-img", "convert", "-q", "-f", "raw", "-O", "qcow2", raw.toString(), qcow2.toString()), LONG);
        return qcow2;
    }

    /** The debootstrap argument vector: signature checking forced, against {@code keyring} only. */
    static List<String> debootstrap(Recipe recipe, Path debs, Path rootfs, Path keyring) {
        return List.of("debootstrap", "--variant=minbase", "--force-check-gpg", "--keyring=" + keyring,
                "--cache-dir=" + debs, "--include=" + String.join(",", recipe.packages()), recipe.suite(),
                rootfs.toString(), recipe.mirror());
    }

    /** The programs and files the build needs that are missing (the keyring checked at {@code keyring}). */
    public static List<String> missingTools(Path keyring) {
        List<String> out = new ArrayList<>();
        for (String t : TOOLS) {
            if (!BuildCommands.installed(t)) {
                out.add(t);
            }
        }
        if (!Files.exists(Path.of(MBR))) {
            out.add(MBR);
        }
        if (!Files.isRegularFile(keyring)) {
            out.add(keyring + " (the Debian archive keyring: without it the mirror's signature cannot be checked)");
        }
        return out;
    }

    /** The refusal for missing tools; empty when nothing is missing. */
    static String missingMessage(List<String> missing) {
        return missing.isEmpty() ? "" : "template-build needs " + String.join(", ", missing)
                + " (Debian: debootstrap gpgv debian-archive-keyring dosfstools mtools syslinux syslinux-common fdisk"
                + " qemu-utils)";
    }

    private static Path bootPartition(BuildCommands cmd, Path rootfs, Path work) throws IOException {
        Path img = work.resolve("boot.img");
        Files.deleteIfExists(img);
        cmd.run(List.of("mkfs.vfat", "-n", "BOOT", "-C", img.toString(), Long.toString(DiskImage.BOOT_MIB * 1024)), SHORT);
        Path cfg = Files.writeString(work.resolve("syslinux.cfg"), GuestFiles.syslinuxConfig(), StandardCharsets.US_ASCII);
        Path bootDir = RootfsPath.dir(rootfs, "boot");
        copy(cmd, img, newest(bootDir, "vmlinuz-*"), "vmlinuz");
        copy(cmd, img, newest(bootDir, "initrd.img-*"), "initrd.img");
        copy(cmd, img, cfg, "syslinux.cfg");
        cmd.run(List.of("syslinux", "--install", img.toString()), SHORT);
        return img;
    }

    private static void copy(BuildCommands cmd, Path img, Path file, String as) throws IOException {
        cmd.run(List.of("mcopy", "-o", "-i", img.toString(), file.toString(), "::" + as), SHORT);
    }

    /** The greatest-named regular file matching {@code glob}; symlinks are never taken (they may leave the rootfs). */
    static Path newest(Path dir, String glob) throws IOException {
        Path best = null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (best == null || p.getFileName().toString().compareTo(best.getFileName().toString()) > 0) {
                    best = p;
                }
            }
        }
        if (best == null) {
            throw new IOException("no regular file " + glob + " in " + dir);
        }
        return best;
    }
}
