package org.blockhost.core.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.blockhost.console.api.VmRegistry;

/** VM rows for the consoles, and the operator's hold flag. */
public final class VmStore {
    private static final String SELECT = "SELECT v.name, v.subscription_id, v.owner, v.token_id, v.state, s.expires_at, v.held, s.plan_id, v.ready_at, v.provisioner"
            + " FROM vms v JOIN subscriptions s ON s.id = v.subscription_id";

    static final int BOOT_SAMPLE = 20;
    private final Database db;

    public VmStore(Database db) {
        this.db = db;
    }

    public List<VmRegistry.VmRecord> list() {
        return db.read(c -> Sql.list(c, SELECT + " ORDER BY v.name", VmStore::record));
    }

    public Optional<VmRegistry.VmRecord> find(String name) {
        return db.read(c -> Sql.one(c, SELECT + " WHERE v.name = ?", VmStore::record, name));
    }

    private static VmRegistry.VmRecord record(ResultSet r) throws SQLException {
        return new VmRegistry.VmRecord(r.getString(1), r.getLong(2), r.getString(3),
                Optional.ofNullable(Sql.nullableLong(r, "token_id")), r.getString(5), Instant.ofEpochMilli(r.getLong(6)),
                r.getInt(7) == 1, r.getLong(8), Optional.ofNullable(Sql.nullableLong(r, "ready_at")).map(Instant::ofEpochMilli),
                r.getString(10));
    }

    /** Sets or clears the admin hold; false when no such VM. */
    public boolean hold(String name, boolean held, String actor, long now) {
        return db.write(c -> {
            int n = Sql.update(c, "UPDATE vms SET held = ?, destroy_checks = 0, updated_at = ? WHERE name = ?",
                    held ? 1 : 0, now, name);
            if (n > 0) {
                Audit.append(c, now, actor, name, held ? "hold" : "release", "");
            }
            return n > 0;
        });
    }

    /** VM counts by state. */
    public Map<String, Long> countByState() {
        return db.read(c -> {
            Map<String, Long> out = new TreeMap<>();
            Sql.list(c, "SELECT state, COUNT(*) FROM vms GROUP BY state", r -> out.put(r.getString(1), r.getLong(2)));
            return out;
        });
    }

    /** VMs whose guest reported its first boot finished, not destroyed. */
    public long countReady() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM vms WHERE ready_at IS NOT NULL AND state <> 'destroyed'"));
    }

    /**
     * How long the first boot usually takes on this host: the median seconds from VM creation to
     * ready of the last {@value #BOOT_SAMPLE} VMs that became ready; empty before the first one.
     */
    public Optional<Long> typicalBootSeconds() {
        List<Long> ms = db.read(c -> Sql.list(c, "SELECT ready_at - created_at FROM vms WHERE ready_at IS NOT NULL"
                + " ORDER BY ready_at DESC LIMIT " + BOOT_SAMPLE, r -> r.getLong(1)));
        if (ms.isEmpty()) {
            return Optional.empty();
        }
        List<Long> sorted = ms.stream().sorted().toList();
        return Optional.of(Math.max(0, sorted.get(sorted.size() / 2)) / 1000);
    }

    /** Chain cursors: engine id to block number. */
    public Map<String, Long> cursors() {
        return db.read(c -> {
            Map<String, Long> out = new TreeMap<>();
            Sql.list(c, "SELECT engine_id, block_number FROM chain_cursors", r -> out.put(r.getString(1), r.getLong(2)));
            return out;
        });
    }

    /** The last audit entries about a subject, newest first. */
    public List<Map<String, Object>> audit(String subject, int limit) {
        return db.read(c -> Sql.list(c, "SELECT at, actor, action, detail FROM audit_log WHERE subject = ? ORDER BY id DESC LIMIT ?",
                r -> Map.<String, Object>of("at", Instant.ofEpochMilli(r.getLong(1)).toString(), "actor", r.getString(2),
                        "action", r.getString(3), "detail", r.getString(4)), subject, limit));
    }
}
