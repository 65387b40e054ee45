package org.blockhost.platform.api;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Reading the runtime's audit trail ({@link AuditTrail} writes it), for the consoles. */
@ProviderType
public interface AuditLog {

    /** One entry as recorded; {@code id} grows with every entry. */
    record Entry(long id, Instant at, String actor, String subject, String action, String detail) {
    }

    /** The most entries {@link #recent} returns at once. */
    int MAX = 1000;

    /**
     * The latest entries, newest first.
     *
     * @param limit how many, 1 to {@link #MAX}
     * @param beforeId only entries older than this id (0: from the newest), for paging
     * @throws IllegalArgumentException when the limit is out of range
     */
    List<Entry> recent(int limit, long beforeId);
}
