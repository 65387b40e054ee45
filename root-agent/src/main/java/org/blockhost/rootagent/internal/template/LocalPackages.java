package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.rootagent.internal.action.ActionException;

/**
 * Local {@code .deb} files of a template: regular files (never symlinks) in
 * {@code <template-dir>/packages/}, named by validated file names only. They are hashed into the
 * recipe and, after debootstrap, copied into the image root, re-hashed and installed with
 * {@code chroot <root> dpkg -i} (services kept from starting by a temporary policy-rc.d).
 */
final class LocalPackages {
    static final String DIR = "packages";
    static final long MAX_BYTES = 256L << 20;
    private static final String IN_GUEST = "var/cache/blockhost-local";
    private static final Duration DPKG_TIMEOUT = Duration.ofMinutes(10);

    private LocalPackages() {
    }

    /** File name → SHA-256 of each named file; a missing, non-regular or oversized file is refused. */
    static Map<String, String> hash(Path templateDir, List<String> names) throws ActionException {
        Map<String, String> out = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        Path dir = templateDir.resolve(DIR);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw ActionException.rejected("parameter 'local_packages': " + dir + " is not a directory");
        }
        for (String name : names) {
            Path f = dir.resolve(name);
            try {
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || Files.size(f) > MAX_BYTES) {
                    throw ActionException.rejected("parameter 'local_packages': " + name
                            + " is not a regular file of at most 256 MiB in " + dir);
                }
                out.put(name, TemplateStore.sha256(f));
            } catch (IOException e) {
                throw ActionException.rejected("parameter 'local_packages': " + name + " cannot be read in " + dir);
            }
        }
        return out;
    }

    /** Copies the files into {@code rootfs}, checks them against the recipe and installs them. */
    static void install(BuildCommands cmd, Path templateDir, Path rootfs, Map<String, String> expected)
            throws IOException {
        if (expected.isEmpty()) {
            return;
        }
        Path target = RootfsPath.mkdirs(rootfs, IN_GUEST);
        List<String> argv = new ArrayList<>(List.of("chroot", rootfs.toString(), "dpkg", "-i"));
        Path policy = null;
        try {
            for (Map.Entry<String, String> e : expected.entrySet()) {
                Path copy = target.resolve(e.getKey());
                copyNoFollow(templateDir.resolve(DIR).resolve(e.getKey()), copy);
                if (!e.getValue().equals(TemplateStore.sha256(copy))) {
                    throw new IOException(e.getKey() + " changed while the template was being built");
                }
                argv.add("/" + IN_GUEST + "/" + e.getKey());
            }
            policy = writePolicy(rootfs);
            cmd.run(argv, DPKG_TIMEOUT);
        } finally {
            if (policy != null) {
                Files.deleteIfExists(policy);
            }
            Scratch.deleteTree(target);
        }
    }

    /** {@code /usr/sbin/policy-rc.d} answering 101 (no service starts), written inside the rootfs only. */
    static Path writePolicy(Path rootfs) throws IOException {
        return RootfsPath.write(rootfs, "usr/sbin/policy-rc.d", "#!/bin/sh\nexit 101\n".getBytes(StandardCharsets.US_ASCII),
                PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void copyNoFollow(Path from, Path to) throws IOException {
        try (InputStream in = Files.newInputStream(from, LinkOption.NOFOLLOW_LINKS, StandardOpenOption.READ)) {
            Files.copy(in, to);
        }
    }
}
