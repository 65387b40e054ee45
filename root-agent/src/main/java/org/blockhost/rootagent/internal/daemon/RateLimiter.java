package org.blockhost.rootagent.internal.daemon;

import java.util.HashMap;
import java.util.Map;

/** A token bucket per caller uid: {@code rate} requests per second, bursts of up to 2×rate. */
public final class RateLimiter {
    private final double rate;
    private final double burst;
    private final Map<Long, double[]> buckets = new HashMap<>();

    public RateLimiter(double ratePerSecond) {
        this.rate = ratePerSecond;
        this.burst = Math.max(1, ratePerSecond * 2);
    }

    public synchronized boolean tryAcquire(long uid) {
        long now = System.nanoTime();
        double[] b = buckets.computeIfAbsent(uid, k -> new double[] {burst, now});
        b[0] = Math.min(burst, b[0] + (now - b[1]) / 1e9 * rate);
        b[1] = now;
        if (b[0] < 1) {
            return false;
        }
        b[0] -= 1;
        return true;
    }
}
