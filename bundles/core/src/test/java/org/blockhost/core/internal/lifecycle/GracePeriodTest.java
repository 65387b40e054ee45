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

/** The grace period is in days (default 7), accepts fractions and refuses what is not a sane number of days. */
class GracePeriodTest {

    @Test
    void wholeAndFractionalDays() {
        assertEquals(Duration.ofDays(7), GracePeriod.ofDays(GracePeriod.DEFAULT_DAYS));
        assertEquals(Duration.ofHours(12), GracePeriod.ofDays(0.5));
        assertEquals(Duration.ofMillis(3600), GracePeriod.ofDays(3600 / 86_400_000d));
        assertEquals(Duration.ZERO, GracePeriod.ofDays(0));
        assertEquals(Duration.ofDays(3650), GracePeriod.ofDays(GracePeriod.MAX_DAYS));
    }

    @Test
    void theComponentDefaultIsSevenDays() throws Exception {
        Object def = LifecycleComponent.Config.class.getMethod("gracePeriodDays").getDefaultValue();
        assertEquals(7.0, def);
        assertThrows(NoSuchMethodException.class, () -> LifecycleComponent.Config.class.getMethod("gracePeriodHours"),
                "one setting, in days");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.001, -1, 3650.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void refusesWhatIsNotAGracePeriod(double days) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GracePeriod.ofDays(days));
        assertTrue(e.getMessage().startsWith("gracePeriodDays must be a number from 0 to 3650"), e.getMessage());
    }

    @Test
    void aFewSecondsOfGraceDecideADestroyAfterThoseSeconds() {
        Duration grace = GracePeriod.ofDays(3600 / 86_400_000d);
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
