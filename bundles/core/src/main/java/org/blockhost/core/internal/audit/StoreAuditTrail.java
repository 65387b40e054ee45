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
import org.blockhost.platform.api.AuditTrail;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link AuditTrail} in the store's {@code audit_log}: one committed row per entry. */
@Component(service = {AuditTrail.class, StoreAuditTrail.class})
public final class StoreAuditTrail implements AuditTrail {
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

    /** The latest {@code limit} entries, newest first: {@code at} (ISO instant), actor, subject, action, detail. */
    public List<Map<String, Object>> recent(int limit) {
        return db.read(c -> Sql.list(c, "SELECT at, actor, subject, action, detail FROM audit_log ORDER BY id DESC LIMIT ?",
                r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("at", Instant.ofEpochMilli(r.getLong("at")).toString());
                    for (String column : List.of("actor", "subject", "action", "detail")) {
                        m.put(column, r.getString(column));
                    }
                    return m;
                }, limit));
    }

    private static String clip(String s) {
        String v = s == null ? "" : s;
        return v.length() > MAX_FIELD ? v.substring(0, MAX_FIELD) + "..." : v;
    }
}
