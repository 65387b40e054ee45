package org.blockhost.core.internal.pipeline;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory backoff for jobs whose result could not be written (disk full, I/O error): the row is
 * still due in the store, so without this the dispatcher would hand it out again at once and repeat
 * the plugin call in a tight loop. Delays double from 1 s to 1 min, with jitter, per job.
 */
final class StoreBackoff {
    private static final Duration BASE = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofMinutes(1);

    private record Entry(int failures, long notBefore) {
    }

    private final Backoff backoff;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    StoreBackoff(Backoff backoff) {
        this.backoff = backoff;
    }

    /** Records a failed write for the job; returns the delay before it is dispatched again. */
    long failed(long id, long now) {
        int failures = entries.getOrDefault(id, new Entry(0, 0)).failures() + 1;
        long delay = backoff.delayMillis(failures, BASE, MAX);
        entries.put(id, new Entry(failures, now + delay));
        return delay;
    }

    /** A write for the job went through: it is dispatched normally again. */
    void succeeded(long id) {
        entries.remove(id);
    }

    boolean blocked(long id, long now) {
        Entry e = entries.get(id);
        return e != null && now < e.notBefore();
    }

    int size() {
        return entries.size();
    }
}
