package org.blockhost.web.internal.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client key: {@code burst} requests at once, refilled at {@code perMinute}.
 * Memory is bounded: at most {@code maxClients} buckets, the least recently used is dropped first
 * (a dropped client starts again with a full bucket).
 */
public final class TokenBuckets {
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;
    private final double perNano;
    private final double burst;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets;

    public TokenBuckets(int perMinute, int burst, int maxClients, LongSupplier nanos) {
        if (perMinute < 1 || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("rate, burst and client count must be positive");
        }
        this.perNano = perMinute / (double) NANOS_PER_MINUTE;
        this.burst = burst;
        this.nanos = nanos;
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    /**
     * Takes one token for this client.
     *
     * @return 0 when the request may go ahead, else the whole seconds until a token is there
     */
    public synchronized long take(String client) {
        long now = nanos.getAsLong();
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, now));
        double tokens = Math.min(burst, b.tokens + (now - b.at) * perNano);
        b.at = now;
        if (tokens >= 1) {
            b.tokens = tokens - 1;
            return 0;
        }
        b.tokens = tokens;
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    synchronized int size() {
        return buckets.size();
    }
}
