package org.blockhost.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Appends to the audit log inside the caller's transaction. Never pass secrets as detail. */
public final class Audit {

    private Audit() {
    }

    public static void append(Connection c, long at, String actor, String subject, String action, String detail)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO audit_log (at, actor, subject, action, detail) VALUES (?, ?, ?, ?, ?)")) {
            p.setLong(1, at);
            p.setString(2, actor);
            p.setString(3, subject);
            p.setString(4, action);
            p.setString(5, detail == null ? "" : detail);
            p.executeUpdate();
        }
    }
}
