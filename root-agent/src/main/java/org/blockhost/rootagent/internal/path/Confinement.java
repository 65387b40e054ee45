package org.blockhost.rootagent.internal.path;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.regex.Pattern;

/**
 * Confines caller-supplied paths to one BlockHost directory. Paths must be absolute and plain
 * (no {@code .}/{@code ..} segments, no empty segments) and lie lexically inside the root; they
 * are then opened one component at a time from {@code /} without following symbolic links
 * ({@link SafeDirs}): a symlink anywhere — an ancestor, the root, a sub-directory or the file
 * itself — is refused, never resolved. In the daemon ({@code rootOwned}) every directory on the
 * way must also be root-owned and not group/other-writable. Failures throw
 * {@link IllegalArgumentException} with a reason that is safe to show.
 */
public final class Confinement {
    private static final int MAX_PATH = 1024;

    /** The directories paths may be confined to. */
    public enum Root {
        KEYS("keys"), VMS("VM"), TEMPLATES("template");

        private final String label;

        Root(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Path root;
    private final boolean rootOwned;

    public Confinement(Path root, boolean rootOwned) {
        this.root = root.toAbsolutePath().normalize();
        this.rootOwned = rootOwned;
    }

    /** An existing regular file inside the root (not a symlink, no symlink on the way). */
    public ConfinedPath existingFile(String raw, Pattern fileName) {
        Path p = inside(raw, fileName);
        Object key;
        try {
            key = ConfinedPath.lstat(p, root, rootOwned);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (key == null) {
            throw new IllegalArgumentException("file does not exist");
        }
        return new ConfinedPath(p, root, rootOwned, key, true);
    }

    /** A file that does not exist yet, directly or indirectly inside the root. */
    public ConfinedPath newFile(String raw, Pattern fileName) {
        Path p = inside(raw, fileName);
        try {
            if (ConfinedPath.lstat(p, root, rootOwned) != null) {
                throw new IllegalArgumentException("file already exists");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return new ConfinedPath(p, root, rootOwned, null, false);
    }

    /** Opens the root itself (checked as above); the caller closes the stream. */
    public SecureDirectoryStream<Path> openRoot() throws IOException {
        return SafeDirs.open(root, root.getNameCount(), rootOwned);
    }

    private Path inside(String raw, Pattern fileName) {
        Path p = plain(raw, fileName);
        if (!p.startsWith(root) || p.getNameCount() <= root.getNameCount()) {
            throw new IllegalArgumentException("outside the allowed directory");
        }
        return p;
    }

    private static Path plain(String raw, Pattern fileName) {
        if (raw.isEmpty() || raw.length() > MAX_PATH || !raw.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path of at most " + MAX_PATH + " characters");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw new IllegalArgumentException("contains a control character or backslash");
            }
        }
        String[] segments = raw.substring(1).split("/", -1);
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw new IllegalArgumentException("contains an empty, '.' or '..' segment");
            }
        }
        if (!fileName.matcher(segments[segments.length - 1]).matches()) {
            throw new IllegalArgumentException("file name not allowed");
        }
        return Path.of(raw);
    }
}
