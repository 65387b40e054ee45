package org.blockhost.core.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.blockhost.core.internal.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreAuditTrailTest {
    @TempDir
    Path dir;

    @Test
    void entriesLandInAuditLogAndSurviveReopening() throws Exception {
        try (Database db = Database.open(dir.resolve("blockhost.db"))) {
            StoreAuditTrail trail = StoreAuditTrail.on(db);
            trail.record("uid=1001(alice)", "wallet", "cli.refused", "wallet withdraw 0xabc: needs treasury");
            trail.record("uid=0(root)", "vm", "cli.run", "x".repeat(5000));
        }
        try (Database db = Database.open(dir.resolve("blockhost.db"))) {
            List<String> rows = db.read(c -> {
                List<String> out = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT actor, subject, action, detail, at FROM audit_log ORDER BY id");
                        ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        assertTrue(r.getLong(5) > 0);
                        out.add(r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3) + "|" + r.getString(4));
                    }
                }
                return out;
            });
            assertEquals(2, rows.size());
            assertEquals("uid=1001(alice)|wallet|cli.refused|wallet withdraw 0xabc: needs treasury", rows.get(0));
            assertTrue(rows.get(1).length() < 2100, "detail is clipped");
            var recent = StoreAuditTrail.on(db).recent(1, 0);
            assertEquals(1, recent.size());
            assertEquals("uid=0(root)", recent.get(0).actor());
            assertEquals("cli.run", recent.get(0).action());
            var older = StoreAuditTrail.on(db).recent(10, recent.get(0).id());
            assertEquals(1, older.size(), "paging: only entries before the given id");
            assertEquals("cli.refused", older.get(0).action());
        }
    }
}
