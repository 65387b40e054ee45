package org.blockhost.core.internal.admin;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.engine.api.ChainEvent.AdminCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out admin commands exactly once. The engine delivers only commands from the holder of
 * the admin credential at the command's block, at finality and unexpired; core's inbox stores each
 * (sender, nonce) once and hands over only new ones. Here a command is first <em>claimed</em>
 * ({@code received → started}, one transaction), then run, then recorded with its result and an
 * audit entry. A claim succeeds once, so a replay runs nothing. The plaintext is never stored, so a
 * command that a crash left {@code received} or {@code started} is never run again: at start-up it
 * is recorded {@code interrupted} (the admin sends it again with a new nonce).
 */
final class AdminCommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(AdminCommandRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTOR = "admin";

    private final Database db;
    private final Clock clock;

    AdminCommandRunner(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** At start-up: commands a crash left unfinished are recorded as interrupted, never run again. */
    int abandonUnfinished() {
        long now = clock.millis();
        return db.write(c -> {
            var rows = Sql.list(c, "SELECT sender, nonce, status FROM admin_nonces WHERE status IN ('received', 'started')",
                    r -> new Object[] {r.getString(1), r.getLong(2), r.getString(3)});
            for (Object[] r : rows) {
                String detail = "started".equals(r[2]) ? "the runtime stopped while it ran; not run again"
                        : "the runtime stopped before it ran; not run (send it again with a new nonce)";
                finish(c, (String) r[0], (Long) r[1], "interrupted", detail, now);
            }
            return rows.size();
        });
    }

    /** Runs one command whose (sender, nonce) the inbox has just stored, unless it was claimed before. */
    void run(AdminCommand command, Map<String, AdminAction> actions) {
        String name = null;
        JsonNode params = null;
        try {
            JsonNode root = JSON.readTree(command.payload());
            name = root.path("command").asText(null);
            params = root.get("params");
        } catch (IOException e) {
            name = null;
        }
        if (!claim(command)) {
            LOG.info("admin command nonce {} from {} was already handled: not run again", command.nonce(), command.sender());
            return;
        }
        Optional<AdminAction> action = Optional.ofNullable(name == null ? null : actions.get(name));
        String status;
        String result;
        if (action.isEmpty() || params == null || !params.isObject()) {
            status = "refused";
            result = "unknown command";
        } else {
            try {
                result = action.get().run(command, params);
                status = "done";
            } catch (AdminActionException e) {
                status = e.status();
                result = e.getMessage();
            } catch (RuntimeException e) {
                LOG.error("admin command nonce {} failed", command.nonce(), e);
                status = "failed";
                result = "internal error";
            }
        }
        record(command, status, (name == null ? "?" : name) + ": " + result);
    }

    private boolean claim(AdminCommand command) {
        return db.write(c -> Sql.update(c, "UPDATE admin_nonces SET status = 'started', handled = 1 WHERE sender = ? AND nonce = ?"
                + " AND status = 'received'", command.sender(), command.nonce()) == 1);
    }

    private void record(AdminCommand command, String status, String result) {
        long now = clock.millis();
        db.write(c -> {
            finish(c, command.sender(), command.nonce(), status, result, now);
            return null;
        });
        LOG.info("admin command nonce {} from {}: {} ({})", command.nonce(), command.sender(), status, result);
    }

    private static void finish(java.sql.Connection c, String sender, long nonce, String status, String result, long now)
            throws java.sql.SQLException {
        Sql.update(c, "UPDATE admin_nonces SET status = ?, result = ?, handled = 1, finished_at = ? WHERE sender = ? AND nonce = ?",
                status, result, now, sender, nonce);
        Audit.append(c, now, ACTOR, "admin command " + sender + "#" + nonce, status, result);
    }
}
