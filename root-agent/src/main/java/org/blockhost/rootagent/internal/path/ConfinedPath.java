package org.blockhost.rootagent.internal.path;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * A validated path inside a confinement root (the path itself: symlinks are refused, never
 * resolved), with the file's identity at validation time for an existing file. {@link #recheck()}
 * re-walks the directories and detects a file swapped after validation.
 */
public final class ConfinedPath {
    /** Mode of files the agent creates for tenants (overlays, seeds): root only, libvirt chowns for QEMU. */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.regex.Pattern TEMP = java.util.regex.Pattern.compile("\\..+\\.part-[0-9a-f]{16}");

    private final Path path;
    private final Path root;
    private final boolean rootOwned;
    private final Object fileKey;
    private final boolean existing;

    ConfinedPath(Path path, Path root, boolean rootOwned, Object fileKey, boolean existing) {
        this.path = path;
        this.root = root;
        this.rootOwned = rootOwned;
        this.fileKey = fileKey;
        this.existing = existing;
    }

    /** The path; the only form handed to commands. */
    public Path path() {
        return path;
    }

    /**
     * The file key of {@code p} (a regular file, not a symlink), or null if it does not exist; its
     * directories are opened without following links and checked as in {@link SafeDirs}.
     */
    static Object lstat(Path p, Path root, boolean rootOwned) throws IOException {
        try (SecureDirectoryStream<Path> dir = SafeDirs.open(p.getParent(), root.getNameCount(), rootOwned)) {
            return regularFileKey(dir, p.getFileName());
        }
    }

    private static Object regularFileKey(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        BasicFileAttributes a;
        try {
            a = dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
        if (a.isSymbolicLink()) {
            throw new IOException(name + " is a symbolic link");
        }
        if (!a.isRegularFile()) {
            throw new IOException(name + " is not a regular file");
        }
        return a.fileKey();
    }

    /**
     * Verifies that an existing file is still the same regular file (no symlink put in its place,
     * no other inode, no symlink or unsafe directory on the way), or that a new file still does not exist.
     */
    public void recheck() throws IOException {
        Object now = lstat(path, root, rootOwned);
        if (existing && !Objects.equals(now, fileKey)) {
            throw new IOException("file changed after validation");
        }
        if (!existing && now != null) {
            throw new IOException("file appeared after validation");
        }
    }

    /**
     * Creates an empty temporary sibling {@code .<name>.part-<random>} (mode 0600, exclusive, not
     * following links) for a command to write; {@link #publish} or {@link #discard} it afterwards.
     */
    public Path createTemp() throws IOException {
        Path name = Path.of("." + path.getFileName() + ".part-" + HexFormat.of().formatHex(randomBytes()));
        try (SecureDirectoryStream<Path> dir = SafeDirs.open(path.getParent(), root.getNameCount(), rootOwned)) {
            dir.newByteChannel(name, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(PRIVATE)).close();
        }
        return path.resolveSibling(name);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    /**
     * Moves a finished temporary file into place: it must still be a regular file (not a symlink),
     * gets mode 0600 and is linked to this path, which must not exist (link(2) never replaces).
     */
    public void publish(Path tmp) throws IOException {
        try (SecureDirectoryStream<Path> dir = SafeDirs.open(path.getParent(), root.getNameCount(), rootOwned)) {
            Path name = tmp.getFileName();
            if (regularFileKey(dir, name) == null) {
                throw new IOException("the command left no output file");
            }
            dir.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(PRIVATE);
            try {
                Files.createLink(path, tmp);
            } catch (FileAlreadyExistsException e) {
                throw new IOException("file appeared after validation");
            }
            dir.deleteFile(name);
        }
    }

    /**
     * Deletes the temporary files ({@code .<name>.part-<16 hex>}) an agent killed in the middle of
     * a command left directly in {@code dir}; regular files only, never following links.
     *
     * @return how many were deleted
     */
    public static int sweepTemps(Path dir, boolean rootOwned) throws IOException {
        int n = 0;
        Path d = dir.toAbsolutePath().normalize();
        try (SecureDirectoryStream<Path> ds = SafeDirs.open(d, d.getNameCount(), rootOwned)) {
            for (Path e : ds) {
                Path name = e.getFileName();
                if (TEMP.matcher(name.toString()).matches() && regularFileKey(ds, name) != null) {
                    ds.deleteFile(name);
                    n++;
                }
            }
        }
        return n;
    }

    /** Deletes a temporary file (never following links); best effort. */
    public void discard(Path tmp) {
        try (SecureDirectoryStream<Path> dir = SafeDirs.open(path.getParent(), root.getNameCount(), rootOwned)) {
            dir.deleteFile(tmp.getFileName());
        } catch (IOException e) {
            // already gone, or the directory is no longer safe to touch
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
