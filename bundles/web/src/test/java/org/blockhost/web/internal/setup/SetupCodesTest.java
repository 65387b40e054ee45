package org.blockhost.web.internal.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.blockhost.web.internal.TestClock;
import org.junit.jupiter.api.Test;

class SetupCodesTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T00:00:00Z"));

    @Test
    void codesAreSixCharactersWithoutLookAlikes() {
        SetupCodes codes = new SetupCodes(clock);
        for (int i = 0; i < 500; i++) {
            String code = codes.issue();
            assertTrue(code.matches("[A-HJKMNP-Z2-9]{6}"), code);
        }
        assertFalse(SetupCodes.ALPHABET.matches(".*[ILO01].*"));
    }

    @Test
    void theCodeWorksUntilItExpiresAfterFourHours() {
        SetupCodes codes = new SetupCodes(clock);
        String code = codes.issue();
        assertTrue(codes.check(code).ok());
        assertTrue(codes.check(" " + code.toLowerCase().substring(0, 3) + "-" + code.substring(3) + " ").ok());
        clock.advance(Duration.ofHours(4).minusSeconds(1));
        assertTrue(codes.check(code).ok());
        clock.advance(Duration.ofSeconds(2));
        SetupCodes.Outcome expired = codes.check(code);
        assertFalse(expired.ok());
        assertEquals("the setup code expired", expired.reason());
    }

    @Test
    void tenWrongTriesReplaceTheCode() {
        SetupCodes codes = new SetupCodes(clock);
        String code = codes.issue();
        String wrong = code.equals("AAAAAA") ? "BBBBBB" : "AAAAAA";
        for (int i = 0; i < 9; i++) {
            assertNull(codes.check(wrong).replacement());
        }
        SetupCodes.Outcome tenth = codes.check(wrong);
        assertFalse(tenth.ok());
        assertNotNull(tenth.replacement());
        assertNotEquals(code, tenth.replacement());
        assertFalse(codes.check(code).ok(), "the old code is gone");
        assertTrue(codes.check(tenth.replacement()).ok());
    }

    @Test
    void aNewCodeReplacesTheOldOneAndNothingWorksBeforeTheFirst() {
        SetupCodes codes = new SetupCodes(clock);
        assertFalse(codes.check("ABCDEF").ok());
        String first = codes.issue();
        String second = codes.issue();
        assertTrue(codes.check(second).ok());
        assertTrue(first.equals(second) || !codes.check(first).ok());
    }
}
