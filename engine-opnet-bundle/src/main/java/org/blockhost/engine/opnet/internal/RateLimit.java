package org.blockhost.engine.opnet.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Requests per client in fixed windows: at most {@code perClient} requests of one client address and
 * {@code total} of all clients in each window of {@code windowMillis}. At most 4096 clients are counted per window
 * (more count as one "other" client), so memory stays bounded whatever the traffic. Thread-safe.
 */
final class RateLimit {
    private static final int MAX_CLIENTS = 4096;
    private final int perClient;
    private final int total;
    private final long windowMillis;
    private final LongSupplier clock;
    private final Map<String, Integer> counts = new HashMap<>();
    private long windowStart = Long.MIN_VALUE;
    private int all;

    RateLimit(int perClient, int total, long windowMillis, LongSupplier clock) {
        this.perClient = perClient;
        this.total = total;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    /** Counts one request of {@code client}; false when it is over a limit (and then it is not counted). */
    boolean allow(String client) {
        return allow(client, 1);
    }

    /** Counts {@code cost} requests of {@code client} at once (a batch); false, and nothing counted, when over a limit. */
    synchronized boolean allow(String client, int cost) {
        long now = clock.getAsLong();
        if (windowStart == Long.MIN_VALUE || now - windowStart >= windowMillis) {
            windowStart = now;
            counts.clear();
            all = 0;
        }
        String key = counts.size() >= MAX_CLIENTS && !counts.containsKey(client) ? "" : client;
        int mine = counts.getOrDefault(key, 0);
        if (cost < 1 || mine + cost > perClient || all + cost > total) {
            return false;
        }
        counts.put(key, mine + cost);
        all += cost;
        return true;
    }
}
