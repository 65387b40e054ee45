package org.blockhost.core.internal.pipeline;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with jitter: attempt n waits between half and all of base * 2^(n-1), capped. */
public final class Backoff {
    private final DoubleSupplier random;

    public Backoff(DoubleSupplier random) {
        this.random = random;
    }

    public long delayMillis(int attempt, Duration base, Duration max) {
        long cap = max.toMillis();
        long raw = base.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        long full = raw < 0 || raw > cap ? cap : raw;
        return full / 2 + (long) (random.getAsDouble() * (full - full / 2));
    }
}
