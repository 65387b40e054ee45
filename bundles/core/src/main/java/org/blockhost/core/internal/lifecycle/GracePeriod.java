package org.blockhost.core.internal.lifecycle;

import java.time.Duration;

/**
 * The grace period from its configured number of days (core owns it; the provisioner's wizard page
 * writes it). Fractional days are allowed (a test or a dev stack can use a few seconds:
 * {@code 0.0001} d = 8.64 s); anything that is not a finite number between 0 and
 * {@value #MAX_DAYS} days is refused, so a typo never shortens it to nothing by accident.
 */
public final class GracePeriod {
    /** Ten years. */
    public static final double MAX_DAYS = 3_650;
    /** The default, as the seeds and the wizard say. */
    public static final double DEFAULT_DAYS = 7;

    private GracePeriod() {
    }

    /** The grace period of {@code days}, rounded to the millisecond. */
    public static Duration ofDays(double days) {
        if (!Double.isFinite(days) || days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException("gracePeriodDays must be a number from 0 to " + (long) MAX_DAYS
                    + " (fractions allowed, e.g. 0.5 = 12 hours), got " + days);
        }
        return Duration.ofMillis(Math.round(days * 86_400_000d));
    }
}
