package org.blockhost.rootagent.internal.path;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A validated path: the symlink-free real path (for an existing file, with the file's identity at
 * validation time). {@link #recheck()} detects a file swapped after validation.
 */
public final class ConfinedPath {
    private final Path real;
    private final Object fileKey;
    private final boolean existing;

    ConfinedPath(Path real, Object fileKey, boolean existing) {
        this.real = real;
        this.fileKey = fileKey;
        this.existing = existing;
    }

    /** The resolved path; the only form handed to commands. */
    public Path path() {
        return real;
    }

    /**
     * Verifies that an existing file is still the same regular file (no symlink put in its place,
     * no other inode), or that a new file's location still resolves to the same place.
     */
    public void recheck() throws IOException {
        if (existing) {
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile() || !Objects.equals(a.fileKey(), fileKey) || !real.toRealPath().equals(real)) {
                throw new IOException("file changed after validation");
            }
        } else {
            checkParent();
            if (Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("file appeared after validation");
            }
        }
    }

    private void checkParent() throws IOException {
        if (!real.getParent().toRealPath().equals(real.getParent())) {
            throw new IOException("directory changed after validation");
        }
    }

    /** After a command created the file: it must be a regular file, not a symlink. */
    public void checkCreated() throws IOException {
        checkParent();
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new IOException("created file is not a regular file");
        }
    }

    @Override
    public String toString() {
        return real.toString();
    }
}
