package org.blockhost.core.internal.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Store files are readable by the runtime's user only (0600), whatever the umask: the database
 * file is created with that mode before SQLite opens it (SQLite gives its {@code -wal} and
 * {@code -shm} files the database file's mode), and files left from an older, laxer start are
 * tightened.
 */
final class OwnerOnly {
    private static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates the database file 0600 when missing, or restricts an existing one. */
    static void prepare(Path db) throws IOException {
        if (!posix()) {
            return;
        }
        if (Files.notExists(db)) {
            try {
                createNew(db);
                return;
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // created meanwhile: restrict it below
            }
        }
        restrict(db);
        restrictCompanions(db);
    }

    /** Restricts the {@code -wal} and {@code -shm} files that exist. */
    static void restrictCompanions(Path db) throws IOException {
        if (!posix()) {
            return;
        }
        for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
            Path p = db.resolveSibling(db.getFileName() + suffix);
            if (Files.exists(p)) {
                restrict(p);
            }
        }
    }

    /** Creates a new, empty file 0600; fails when it exists (never follows or overwrites). */
    static void createNew(Path p) throws IOException {
        if (posix()) {
            Files.createFile(p, PosixFilePermissions.asFileAttribute(MODE));
        } else {
            Files.createFile(p);
        }
    }

    private static void restrict(Path p) throws IOException {
        if (!Files.getPosixFilePermissions(p).equals(MODE)) {
            Files.setPosixFilePermissions(p, MODE);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
