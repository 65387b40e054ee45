package org.blockhost.core.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

import org.blockhost.provisioner.api.GuestReadiness;

/** Records, once, that a VM's guest finished its first boot: {@code vms.ready_at}, its host key, audit {@code ready}. */
public final class ReadyMark {
    private ReadyMark() {
    }

    /** True when this call marked the VM ready (false: not ready, or marked before). */
    public static boolean mark(Connection c, String name, GuestReadiness r, long now) throws SQLException {
        if (!r.ready()) {
            return false;
        }
        int n = Sql.update(c, "UPDATE vms SET ready_at = ?, host_key = ?, updated_at = ? WHERE name = ? AND ready_at IS NULL",
                now, r.hostKey(), now, name);
        if (n > 0) {
            long created = Sql.count(c, "SELECT created_at FROM vms WHERE name = ?", name);
            Audit.append(c, now, "core", name, "ready", "first boot finished " + Math.max(0, now - created) / 1000
                    + " s after create" + (r.hostKey().isEmpty() ? "" : "; host key " + r.hostKey()));
        }
        return n > 0;
    }

    /** The stored host key of a VM marked ready, empty otherwise. */
    public static String hostKey(Connection c, String name) throws SQLException {
        return Sql.one(c, "SELECT host_key FROM vms WHERE name = ? AND ready_at IS NOT NULL", r -> r.getString(1), name)
                .orElse("");
    }
}
