package org.blockhost.engine.evm.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/** Lets a repeated log line through at most once per period and counts what it held back. Thread-safe. */
final class LogLimiter {
    private final long periodNanos;
    private final LongSupplier clock;
    private long nextAt;
    private boolean started;
    private long suppressed;
    private long allowed;

    LogLimiter(Duration period) {
        this(period, System::nanoTime);
    }

    LogLimiter(Duration period, LongSupplier nanoClock) {
        this.periodNanos = period.toNanos();
        this.clock = nanoClock;
    }

    /**
     * Whether to log now; when true, {@link #takeSuppressed()} says how many occurrences were held
     * back since the last allowed one.
     */
    synchronized boolean allow() {
        long now = clock.getAsLong();
        if (!started || now - nextAt >= 0) {
            started = true;
            nextAt = now + periodNanos;
            allowed++;
            return true;
        }
        suppressed++;
        return false;
    }

    synchronized long takeSuppressed() {
        long n = suppressed;
        suppressed = 0;
        return n;
    }

    synchronized long allowedCount() {
        return allowed;
    }
}
