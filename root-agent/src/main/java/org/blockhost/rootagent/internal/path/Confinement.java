package org.blockhost.rootagent.internal.path;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;

/**
 * Confines caller-supplied paths to one BlockHost directory. Paths must be absolute and plain
 * (no {@code .}/{@code ..} segments, no empty segments); after resolving symlinks the file (or, for
 * a new file, its parent) must still lie inside the directory. Failures throw
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

    public Confinement(Path root) {
        this.root = root;
    }

    /** An existing regular file inside the root; symlinks are resolved before the check. */
    public ConfinedPath existingFile(String raw, Pattern fileName) {
        Path p = plain(raw, fileName);
        Path rootReal = realRoot();
        Path real;
        BasicFileAttributes attrs;
        try {
            real = p.toRealPath();
            attrs = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new IllegalArgumentException("file does not exist");
        }
        if (!real.startsWith(rootReal) || real.equals(rootReal)) {
            throw new IllegalArgumentException("resolves outside the allowed directory");
        }
        if (!attrs.isRegularFile()) {
            throw new IllegalArgumentException("not a regular file");
        }
        if (!fileName.matcher(real.getFileName().toString()).matches()) {
            throw new IllegalArgumentException("resolves to a file with a disallowed name");
        }
        return new ConfinedPath(real, attrs.fileKey(), true);
    }

    /** A file that does not exist yet, directly or indirectly inside the root. */
    public ConfinedPath newFile(String raw, Pattern fileName) {
        Path p = plain(raw, fileName);
        Path rootReal = realRoot();
        Path parentReal;
        try {
            parentReal = p.getParent().toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("parent directory does not exist");
        }
        if (!parentReal.startsWith(rootReal)) {
            throw new IllegalArgumentException("resolves outside the allowed directory");
        }
        Path target = parentReal.resolve(p.getFileName().toString());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("file already exists");
        }
        return new ConfinedPath(target, null, false);
    }

    private Path realRoot() {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("the " + "allowed directory does not exist");
        }
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
