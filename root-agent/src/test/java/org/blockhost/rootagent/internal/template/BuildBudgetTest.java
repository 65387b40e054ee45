package org.blockhost.rootagent.internal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's time as a whole: debootstrap is not cut at 30 min while the unit still gives it time. */
class BuildBudgetTest {
    /** A clock the test moves. */
    static final class Moving extends Clock {
        Instant now = Instant.parse("2026-12-05T21:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void debootstrap_may_use_the_time_the_unit_gives_the_whole_build() throws IOException {
        // the unit stops the build at TimeoutStartSec (45min); debootstrap under TCG took ~30 min and was
        // killed at its own 30-min cap with 15 min of the build's time left
        assertEquals("45min", UnitFiles.value(UnitFiles.read("blockhost-template-build.service"), "TimeoutStartSec"));
        Duration build = BuildBudget.forLimit(BuildTimeLimit.PACKAGED);
        Duration debootstrap = new BuildBudget(new Moving(), build).timeout(build);
        assertTrue(debootstrap.compareTo(Duration.ofMinutes(40)) >= 0, "debootstrap may take " + debootstrap);
        assertTrue(debootstrap.compareTo(BuildTimeLimit.PACKAGED) < 0, "and ends before the unit: " + debootstrap);
    }

    @Test
    void a_raised_unit_limit_gives_debootstrap_the_time_and_still_ends_before_the_unit() throws IOException {
        // a slow host (a TCG guest: debootstrap alone took more than 43 min) raises TimeoutStartSec to 2h 30min
        Duration limit = BuildTimeLimit.parseSpan("2h 30min").orElseThrow();
        Duration build = BuildBudget.forLimit(limit);
        Duration debootstrap = new BuildBudget(new Moving(), build).timeout(build);
        assertEquals(Duration.ofMinutes(148), debootstrap);
        assertTrue(debootstrap.plus(TemplateUnit.WAIT_MARGIN).compareTo(limit.plus(TemplateUnit.WAIT_MARGIN)) < 0,
                "the build ends, then the unit, then the agent's wait");
    }

    @Test
    void later_commands_get_only_what_is_left_and_none_when_it_is_used_up() throws IOException {
        Moving clock = new Moving();
        BuildBudget budget = new BuildBudget(clock, Duration.ofMinutes(43));
        assertEquals(Duration.ofMinutes(5), budget.timeout(Duration.ofMinutes(5)));
        clock.now = clock.now.plus(Duration.ofMinutes(40));
        assertEquals(Duration.ofMinutes(3), budget.timeout(Duration.ofMinutes(30)));
        clock.now = clock.now.plus(Duration.ofMinutes(3));
        IOException e = assertThrows(IOException.class, () -> budget.timeout(Duration.ofMinutes(5)));
        assertTrue(e.getMessage().contains("used up its 43 min"), e.getMessage());
    }

    @Test
    void a_command_is_stopped_when_the_builds_time_is_up(@TempDir Path dir) {
        BuildCommands cmd = new BuildCommands(dir.resolve("build.log"), BuildBudget.start(Duration.ofSeconds(1)));
        long t0 = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> cmd.run(List.of("sleep", "30"), Duration.ofMinutes(5)));
        assertTrue(e.getMessage().startsWith("sleep timed out after"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(15).toNanos(), "stopped by the build's time, not the cap");
    }
}
