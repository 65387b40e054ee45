package org.blockhost.core.internal.admin;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.blockhost.console.api.AdminCommandControl.CommandRecord;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;

/** The admin commands core received, newest first, from {@code admin_nonces} (no plaintext is stored). */
final class AdminCommandRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;

    AdminCommandRecords(Database db) {
        this.db = db;
    }

    List<CommandRecord> latest(int limit) {
        return db.read(c -> Sql.list(c, "SELECT sender, nonce, payload, status, result, seen_at, finished_at FROM admin_nonces"
                + " ORDER BY seen_at DESC, nonce DESC LIMIT ?", r -> new CommandRecord(r.getString("sender"), r.getLong("nonce"),
                        command(r.getString("payload")), r.getString("status"), r.getString("result"), r.getLong("seen_at"),
                        Sql.nullableLong(r, "finished_at")), limit));
    }

    /** The command's name from the stored summary ({@code {"sha256","command","params"}}), "" when absent. */
    private static String command(String payload) {
        try {
            JsonNode n = JSON.readTree(payload);
            return n != null && n.path("command").isTextual() ? n.path("command").textValue() : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
