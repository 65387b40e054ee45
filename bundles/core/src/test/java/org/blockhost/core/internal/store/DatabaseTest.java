package org.blockhost.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void migratesOnceAndUsesWalWithFullSync() {
        try (Database db = Database.open(dir.resolve("a.db"))) {
            assertEquals(Migrations.latest(), db.schemaVersion());
            assertEquals("wal", db.read(c -> Sql.one(c, "PRAGMA journal_mode", r -> r.getString(1)).orElseThrow()));
            assertEquals(Long.valueOf(2), db.write(c -> Sql.one(c, "PRAGMA synchronous", r -> r.getLong(1)).orElseThrow()));
        }
        try (Database db = Database.open(dir.resolve("a.db"))) {
            assertEquals(Migrations.latest(), db.schemaVersion());
            assertEquals(Long.valueOf(Migrations.latest()), db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM schema_version")));
        }
    }

    @Test
    void failedTransactionLeavesNothing() {
        try (Database db = Database.open(dir.resolve("b.db"))) {
            assertThrows(IllegalStateException.class, () -> db.write(c -> {
                Audit.append(c, 1, "t", "s", "a", "d");
                throw new IllegalStateException("boom");
            }));
            assertEquals(Long.valueOf(0), db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM audit_log")));
        }
    }

    private static String mode(Path p) throws java.io.IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void storeFilesAreOwnerOnly() throws java.io.IOException {
        Path file = dir.resolve("perm.db");
        try (Database db = Database.open(file)) {
            db.write(c -> {
                Audit.append(c, 1, "t", "s", "a", "d");
                return null;
            });
            db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM audit_log"));
            for (String suffix : List.of("", "-wal", "-shm")) {
                Path p = dir.resolve("perm.db" + suffix);
                assertTrue(Files.exists(p), p.toString());
                assertEquals("rw-------", mode(p), p.toString());
            }
        }
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        try (Database db = Database.open(file)) {
            assertEquals("rw-------", mode(file), "an older, laxer file is tightened");
        }
    }

    @Test
    void backupIsOwnerOnlyNeverOverwritesAndDoesNotBlockReaders() throws Exception {
        try (Database db = Database.open(dir.resolve("d.db"))) {
            Path existing = Files.writeString(dir.resolve("existing"), "keep");
            assertThrows(IllegalArgumentException.class, () -> db.backup(existing));
            assertEquals("keep", Files.readString(existing));
            java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Thread reader = new Thread(() -> db.read(c -> {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            reader.start();
            reading.await();
            Path copy = dir.resolve("during-read.db");
            var backup = java.util.concurrent.CompletableFuture.runAsync(() -> db.backup(copy));
            try {
                backup.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                release.countDown();
                reader.join();
            }
            assertEquals("rw-------", mode(copy));
        }
    }

    @Test
    void onlineBackupIsAConsistentCopy() throws java.io.IOException {
        try (Database db = Database.open(dir.resolve("c.db"))) {
            db.write(c -> {
                Audit.append(c, 1, "t", "s", "a", "d");
                return null;
            });
            Path copy = dir.resolve("copy.db");
            db.backup(copy);
            assertTrue(Files.size(copy) > 0);
            assertThrows(IllegalArgumentException.class, () -> db.backup(copy));
            try (Database restored = Database.open(copy)) {
                assertEquals(Long.valueOf(1), restored.read(c -> Sql.count(c, "SELECT COUNT(*) FROM audit_log")));
            }
        }
    }
}
