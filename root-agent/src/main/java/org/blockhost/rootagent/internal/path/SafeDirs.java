package org.blockhost.rootagent.internal.path;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Opens a directory one component at a time from {@code /} without following symbolic links on
 * any component ({@code openat(..., O_NOFOLLOW)} through {@link SecureDirectoryStream}), checking
 * each directory through its open descriptor.
 *
 * <p>Rules: no component may be a symbolic link (everywhere). With {@code rootOwned} (the daemon)
 * every directory must also be owned by root and not writable by group or others — except a
 * strict ancestor of the confinement root that is root-owned with the sticky bit (such as
 * {@code /tmp}): there only an entry's owner can rename or delete it, and the next component
 * must itself be root-owned, so nobody else can swap it.
 */
public final class SafeDirs {
    private static final Set<PosixFilePermission> WRITABLE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);
    private static final int STICKY = 01000;

    private SafeDirs() {
    }

    /**
     * Opens {@code dir} (absolute, normalised) and returns its stream; the caller closes it.
     *
     * @param rootDepth number of name elements of the confinement root: shallower directories are its ancestors
     * @throws IOException with a message naming the offending directory
     */
    public static SecureDirectoryStream<Path> open(Path dir, int rootDepth, boolean rootOwned) throws IOException {
        if (!dir.isAbsolute() || !dir.normalize().equals(dir)) {
            throw new IOException("not an absolute, normalised directory: " + dir);
        }
        SecureDirectoryStream<Path> cur = secure(Files.newDirectoryStream(dir.getRoot()));
        Path sofar = dir.getRoot();
        try {
            check(cur, sofar, rootDepth > 0, rootOwned);
            for (int i = 0; i < dir.getNameCount(); i++) {
                Path name = dir.getName(i);
                sofar = sofar.resolve(name);
                SecureDirectoryStream<Path> next = step(cur, name, sofar);
                cur.close();
                cur = next;
                check(cur, sofar, i + 1 < rootDepth, rootOwned);
            }
            return cur;
        } catch (IOException | RuntimeException e) {
            cur.close();
            throw e;
        }
    }

    private static SecureDirectoryStream<Path> step(SecureDirectoryStream<Path> cur, Path name, Path sofar)
            throws IOException {
        try {
            return secure(cur.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS));
        } catch (NotDirectoryException e) {
            throw new IOException(sofar + " is not a directory");
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(sofar)) {
                throw new IOException(sofar + " is a symbolic link");
            }
            throw new IOException(sofar + ": " + (e.getReason() == null ? "cannot be opened" : e.getReason()));
        }
    }

    private static SecureDirectoryStream<Path> secure(DirectoryStream<Path> ds) throws IOException {
        if (ds instanceof SecureDirectoryStream<Path> s) {
            return s;
        }
        ds.close();
        throw new IOException("this platform has no secure directory streams (openat)");
    }

    private static void check(SecureDirectoryStream<Path> ds, Path p, boolean ancestor, boolean rootOwned)
            throws IOException {
        if (!rootOwned) {
            return;
        }
        PosixFileAttributes a = ds.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
        if (!a.owner().equals(root(p))) {
            throw new IOException(p + " is not owned by root");
        }
        if (a.permissions().stream().anyMatch(WRITABLE::contains) && !(ancestor && sticky(p, a.fileKey()))) {
            throw new IOException(p + " is writable by group or others");
        }
    }

    /** The sticky bit is not in {@link PosixFileAttributes}: read it by path and match the inode. */
    private static boolean sticky(Path p, Object fileKey) throws IOException {
        Map<String, Object> m = Files.readAttributes(p, "unix:mode,fileKey", LinkOption.NOFOLLOW_LINKS);
        return Objects.equals(m.get("fileKey"), fileKey) && (((Integer) m.get("mode")) & STICKY) != 0;
    }

    private static UserPrincipal root(Path p) throws IOException {
        return p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root");
    }
}
