package org.blockhost.core.internal.lifecycle;

import java.time.Duration;

/**
 * The grace period from its configured number of hours. Fractional hours are allowed (a test or a
 * dev stack can use a few seconds: {@code 0.001} h = 3.6 s); anything that is not a finite number
 * between 0 and {@value #MAX_HOURS} hours is refused, so a typo never shortens it to nothing by accident.
 */
public final class GracePeriod {
    /** Ten years. */
    public static final double MAX_HOURS = 87_600;

    private GracePeriod() {
    }

    /** The grace period of {@code hours}, rounded to the millisecond. */
    public static Duration ofHours(double hours) {
        if (!Double.isFinite(hours) || hours < 0 || hours > MAX_HOURS) {
            throw new IllegalArgumentException("gracePeriodHours must be a number from 0 to " + (long) MAX_HOURS
                    + " (fractions allowed, e.g. 0.5 = 30 minutes), got " + hours);
        }
        return Duration.ofMillis(Math.round(hours * 3_600_000d));
    }
}
