package org.blockhost.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

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
