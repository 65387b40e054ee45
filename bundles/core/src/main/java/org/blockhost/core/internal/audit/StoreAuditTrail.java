package org.blockhost.core.internal.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.CoreStore;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.core.internal.store.StoreException;
import org.blockhost.platform.api.AuditLog;
import org.blockhost.platform.api.AuditTrail;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link AuditTrail} and {@link AuditLog} on the store's {@code audit_log}: one committed row per entry. */
@Component(service = {AuditTrail.class, AuditLog.class, StoreAuditTrail.class})
public final class StoreAuditTrail implements AuditTrail, AuditLog {
    private static final int MAX_FIELD = 2000;
    private final Database db;

    @Activate
    public StoreAuditTrail(@Reference CoreStore store) {
        this.db = store.db();
    }

    private StoreAuditTrail(Database db) {
        this.db = db;
    }

    /** An audit trail on an open store (outside OSGi: tools and tests). */
    public static StoreAuditTrail on(Database db) {
        return new StoreAuditTrail(db);
    }

    @Override
    public void record(String actor, String subject, String action, String detail) {
        long now = System.currentTimeMillis();
        try {
            db.write(c -> {
                Audit.append(c, now, clip(actor), clip(subject), clip(action), clip(detail));
                return null;
            });
        } catch (StoreException e) {
            throw new IllegalStateException("audit entry not written: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Entry> recent(int limit, long beforeId) {
        if (limit < 1 || limit > MAX || beforeId < 0) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX + " and beforeId not negative");
        }
        return db.read(c -> Sql.list(c, "SELECT id, at, actor, subject, action, detail FROM audit_log WHERE ?1 = 0 OR id < ?1"
                + " ORDER BY id DESC LIMIT ?2", r -> new Entry(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
                        r.getString(4), r.getString(5), r.getString(6)), beforeId, limit));
    }

    /** An entry as a JSON-ready map: {@code at} (ISO instant), actor, subject, action, detail. */
    public static Map<String, Object> map(Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", e.at().toString());
        m.put("actor", e.actor());
        m.put("subject", e.subject());
        m.put("action", e.action());
        m.put("detail", e.detail());
        return m;
    }

    private static String clip(String s) {
        String v = s == null ? "" : s;
        return v.length() > MAX_FIELD ? v.substring(0, MAX_FIELD) + "..." : v;
    }
}
