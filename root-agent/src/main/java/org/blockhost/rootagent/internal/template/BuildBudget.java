package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time one template build may take as a whole. The unit ({@code TimeoutStartSec=45min}) and the
 * agent's wait for it ({@link TemplateUnit#TIMEOUT}) end the build at 45 min; each command gets its own
 * cap but never more than what is left, so debootstrap may use the time the later steps do not need
 * (a fixed 30-min cap of its own killed a slow but healthy debootstrap while 15 min of the build's
 * time were left).
 */
final class BuildBudget {
    /** The whole build: the agent's 45 min less a margin to write the result before the unit is stopped. */
    static final Duration BUILD = TemplateUnit.TIMEOUT.minusMinutes(2);

    private final Clock clock;
    private final Duration total;
    private final Instant deadline;

    BuildBudget(Clock clock, Duration total) {
        this.clock = clock;
        this.total = total;
        this.deadline = clock.instant().plus(total);
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
