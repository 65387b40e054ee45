package org.blockhost.rootagent.internal.daemon;

import java.util.HashMap;
import java.util.Map;

/** At most {@code perUid} open connections per caller uid, so one caller cannot hold every worker. */
final class UidSlots {
    private final int perUid;
    private final Map<Long, Integer> open = new HashMap<>();

    UidSlots(int perUid) {
        this.perUid = perUid;
    }

    synchronized boolean tryAcquire(long uid) {
        int n = open.getOrDefault(uid, 0);
        if (n >= perUid) {
            return false;
        }
        open.put(uid, n + 1);
        return true;
    }

    synchronized void release(long uid) {
        open.computeIfPresent(uid, (k, n) -> n <= 1 ? null : n - 1);
    }
}
