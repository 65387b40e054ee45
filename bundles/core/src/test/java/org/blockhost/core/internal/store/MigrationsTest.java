package org.blockhost.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Version 11: a store at version 10 gains the index the purchase-by-transaction lookup uses; its rows stay. */
class MigrationsTest {
    private static final String TX = "0x" + "ab".repeat(32);

    @TempDir
    Path dir;

    @Test
    void aVersion10StoreMigratesTo11AndTheTransactionLookupUsesTheIndex() {
        Path file = dir.resolve("v10.db");
        try (Database db = Database.open(file)) { // made at the latest version, then taken back to what version 10 left
            db.write(c -> {
                Sql.update(c, "DROP INDEX IF EXISTS chain_events_tx");
                Sql.update(c, "DELETE FROM schema_version WHERE version > 10");
                return Sql.update(c, "INSERT INTO chain_events VALUES ('created:4', 'evm', 'SubscriptionCreated', 4, 10, 'b10',"
                        + " ?, 0, '{}', 0, 0, 1)", TX);
            });
            assertEquals(10, db.schemaVersion());
            assertFalse(plan(db).contains("chain_events_tx"), "version 10 scans: " + plan(db));
        }
        try (Database db = Database.open(file)) {
            assertEquals(11, db.schemaVersion());
            assertEquals(Migrations.latest(), db.schemaVersion());
            String plan = plan(db);
            assertTrue(plan.contains("USING INDEX chain_events_tx"), plan);
            assertFalse(plan.matches("(?s).*SCAN chain_events(?! USING).*"), "no table scan: " + plan);
            assertEquals(Optional.of(4L), new PurchaseTransactions(db).subscriptionOf(TX.substring(2).toUpperCase()),
                    "the row written at version 10 is found through the index");
        }
    }

    /** SQLite's plan for the servlet's lookup, one detail per line. */
    private static String plan(Database db) {
        List<String> rows = db.read(c -> Sql.list(c, "EXPLAIN QUERY PLAN " + PurchaseTransactions.QUERY, r -> r.getString("detail"),
                "ab", "0xab"));
        return String.join("\n", rows);
    }
}
