package org.blockhost.core.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.blockhost.engine.api.ChainHead;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The grace period accepts fractional hours and refuses what is not a sane number of hours. */
class GracePeriodTest {

    @Test
    void wholeAndFractionalHours() {
        assertEquals(Duration.ofHours(72), GracePeriod.ofHours(72));
        assertEquals(Duration.ofMinutes(30), GracePeriod.ofHours(0.5));
        assertEquals(Duration.ofMillis(3600), GracePeriod.ofHours(0.001));
        assertEquals(Duration.ZERO, GracePeriod.ofHours(0));
        assertEquals(Duration.ofHours(87_600), GracePeriod.ofHours(GracePeriod.MAX_HOURS));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.001, -1, 87_600.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void refusesWhatIsNotAGracePeriod(double hours) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GracePeriod.ofHours(hours));
        assertTrue(e.getMessage().startsWith("gracePeriodHours must be a number from 0 to 87600"), e.getMessage());
    }

    @Test
    void aFewSecondsOfGraceDecideADestroyAfterThoseSeconds() {
        Duration grace = GracePeriod.ofHours(0.001);
        Instant expiry = Instant.parse("2026-03-01T00:00:00Z");
        var vm = new LifecycleRules.VmFacts("suspended", expiry, false, false, false, expiry, 10, 1);
        var justBefore = new ChainHead(100, "h", 90, expiry.plusMillis(3599));
        var after = new ChainHead(100, "h", 90, expiry.plusMillis(3600));
        assertEquals(LifecycleRules.Action.RESET_CHECKS,
                LifecycleRules.decide(vm, Optional.of(after), expiry.plusMillis(3599), grace).action(),
                "wall clock since suspension still within 3.6 s");
        assertEquals(LifecycleRules.Action.RESET_CHECKS,
                LifecycleRules.decide(vm, Optional.of(justBefore), expiry.plusMillis(3600), grace).action(),
                "chain time still within 3.6 s");
        assertEquals(LifecycleRules.Action.DESTROY,
                LifecycleRules.decide(vm, Optional.of(after), expiry.plusMillis(3600), grace).action());
    }
}
