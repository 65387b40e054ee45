package org.blockhost.core.internal.funds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fund manager's settings fail closed; the split rounds each share down and gives the rest away. */
class FundSettingsTest {

    private static FundSettings of(String... shares) {
        return FundSettings.of(true, 60, shares, "admin", "0.01", 300);
    }

    @Test
    void sharesParseInOrder() {
        FundSettings s = of("dev=2500", " ops=1000 ", "");
        assertEquals(Map.of("dev", 2500, "ops", 1000), s.shares());
        assertEquals(List.of("dev", "ops"), List.copyOf(s.shares().keySet()));
        assertEquals("admin", s.remainderRole());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "dev=", "dev=0", "dev=10001", "dev=-5", "dev=2.5", "Dev=100", "host=100",
        "admin=100", "dev=100;ops=1", "9dev=100", "dev=6000|ops=5000"})
    void badSharesAreRefused(String entry) {
        String[] shares = entry.contains("|") ? entry.split("\\|") : new String[] {entry};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> of(shares));
        assertTrue(e.getMessage().contains("share") || e.getMessage().contains("role"), e.getMessage());
    }

    @Test
    void duplicateRolesAndBadFieldsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> of("dev=1", "dev=2"));
        assertThrows(IllegalArgumentException.class, () -> FundSettings.of(true, 60, new String[0], "host", "0.01", 300));
        assertThrows(IllegalArgumentException.class, () -> FundSettings.of(true, 60, new String[0], "admin", "1e3", 300));
        assertThrows(IllegalArgumentException.class, () -> FundSettings.of(true, 60, new String[0], "admin", "-1", 300));
        assertThrows(IllegalArgumentException.class, () -> FundSettings.of(true, 4, new String[0], "admin", "0.01", 300));
        assertThrows(IllegalArgumentException.class, () -> FundSettings.of(true, 60, new String[0], "admin", "0.01", 5));
    }

    @Test
    void theSplitRoundsSharesDownAndTheRestTakesTheRemainder() {
        Map<String, String> to = Map.of("dev", "0xd", "ops", "0xo", "admin", "0xa");
        List<FundPlan.Transfer> split = FundPlan.split(BigInteger.valueOf(1_000_003), of("dev=3333", "ops=1").shares(),
                "admin", to);
        assertEquals(List.of(new FundPlan.Transfer("dev", "0xd", BigInteger.valueOf(333_300)),
                new FundPlan.Transfer("ops", "0xo", BigInteger.valueOf(100)),
                new FundPlan.Transfer("admin", "0xa", BigInteger.valueOf(666_603))), split);
        assertEquals(List.of(), FundPlan.split(BigInteger.ZERO, of("dev=3333").shares(), "admin", to));
        assertEquals(List.of(new FundPlan.Transfer("admin", "0xa", BigInteger.valueOf(2))),
                FundPlan.split(BigInteger.TWO, of("dev=3333").shares(), "admin", to), "a share rounding to 0 is left out");
    }
}
