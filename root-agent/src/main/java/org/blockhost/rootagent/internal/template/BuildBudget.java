package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time one template build may take as a whole: the unit's limit ({@link BuildTimeLimit}, 45 min as
 * packaged) less a margin to write the result before systemd stops the unit. Each command gets its own
 * cap but never more than what is left, so debootstrap may use the time the later steps do not need
 * (a fixed 30-min cap of its own killed a slow but healthy debootstrap while 15 min of the build's
 * time were left).
 */
final class BuildBudget {
    /** Kept from the unit's limit to write the result before the unit is stopped. */
    static final Duration MARGIN = Duration.ofMinutes(2);

    private final Clock clock;
    private final Duration total;
    private final Instant deadline;

    BuildBudget(Clock clock, Duration total) {
        this.clock = clock;
        this.total = total;
        this.deadline = clock.instant().plus(total);
    }

    /** What the build's commands may use of the unit's {@code limit}. */
    static Duration forLimit(Duration limit) {
        return limit.minus(MARGIN);
    }

    /** A build starting now with {@code total} for all its commands. */
    static BuildBudget start(Duration total) {
        return new BuildBudget(Clock.systemUTC(), total);
    }

    /** {@code cap}, or less when less of the build's time is left; fails when none is left. */
    Duration timeout(Duration cap) throws IOException {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new IOException("the template build used up its " + total.toMinutes() + " min");
        }
        return left.compareTo(cap) < 0 ? left : cap;
    }
}
