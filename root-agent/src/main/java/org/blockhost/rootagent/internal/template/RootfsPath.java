package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Paths inside a guest root file system, resolved as the guest would see them but never leaving it:
 * relative symlinks are followed while they stay inside the rootfs; an absolute symlink or one that
 * climbs out is refused. Files are written to a new temporary file (no link followed) and renamed
 * over the target, so a symlink in the target's place is replaced, never written through.
 */
final class RootfsPath {
    private static final int MAX_LINKS = 40;

    private RootfsPath() {
    }

    /** The directory {@code rel} inside {@code rootfs} (must exist), all its symlinks resolved inside. */
    static Path dir(Path rootfs, String rel) throws IOException {
        Path p = resolve(rootfs, rel, false);
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(rel + " is not a directory in the guest root");
        }
        return p;
    }

    /** Like {@link #dir} but creates missing directories (never through a symlink). */
    static Path mkdirs(Path rootfs, String rel) throws IOException {
        Path p = resolve(rootfs, rel, true);
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(rel + " is not a directory in the guest root");
        }
        return p;
    }

    /** The entry {@code rel}: its parent resolved inside the rootfs (created), the last name not followed. */
    static Path entry(Path rootfs, String rel) throws IOException {
        int slash = rel.lastIndexOf('/');
        Path parent = slash < 0 ? rootfs.toRealPath() : mkdirs(rootfs, rel.substring(0, slash));
        String name = rel.substring(slash + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new IOException(rel + " names no file");
        }
        return parent.resolve(name);
    }

    /** Writes {@code content} to {@code rel} with {@code perms}: temporary file, then rename over the entry. */
    static Path write(Path rootfs, String rel, byte[] content, Set<PosixFilePermission> perms) throws IOException {
        Path target = entry(rootfs, rel);
        Path tmp = target.resolveSibling("." + target.getFileName() + ".blockhost-tmp");
        Files.deleteIfExists(tmp);
        Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        Files.setPosixFilePermissions(tmp, perms);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static Path resolve(Path rootfs, String rel, boolean create) throws IOException {
        Path root = rootfs.toRealPath();
        Deque<String> todo = new ArrayDeque<>();
        push(todo, rel);
        Path cur = root;
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (cur.equals(root)) {
                    throw new IOException(rel + " climbs out of the guest root");
                }
                cur = cur.getParent();
                continue;
            }
            Path next = cur.resolve(c);
            if (Files.isSymbolicLink(next)) {
                String target = Files.readSymbolicLink(next).toString();
                if (target.startsWith("/") || ++links > MAX_LINKS) {
                    throw new IOException(rel + ": symlink " + root.relativize(next) + " is absolute or loops: refused");
                }
                push(todo, target);
                continue;
            }
            if (create && !Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(next);
            }
            cur = next;
        }
        return cur;
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }
}
