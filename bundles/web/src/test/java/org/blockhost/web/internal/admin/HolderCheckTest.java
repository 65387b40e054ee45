package org.blockhost.web.internal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.blockhost.web.internal.TestClock;
import org.blockhost.web.internal.admin.HolderCheck.Verdict;
import org.junit.jupiter.api.Test;

/** A session's wallet is re-checked against the chain at most every 5 s; unknown keeps it. */
class HolderCheckTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T00:00:00Z"));
    private final AtomicReference<Optional<Verdict>> answer = new AtomicReference<>(Optional.of(Verdict.HOLDS));
    private final AtomicInteger reads = new AtomicInteger();
    private final HolderCheck check = new HolderCheck(clock, wallet -> {
        reads.incrementAndGet();
        return answer.get();
    });

    @Test
    void aMovedCredentialEndsTheSessionWithinTheInterval() {
        assertTrue(check.stillHolds("0xA"));
        answer.set(Optional.of(Verdict.DOES_NOT_HOLD));
        clock.advance(Duration.ofSeconds(2));
        assertTrue(check.stillHolds("0xA"), "checked 2 s ago: not read again");
        assertEquals(1, reads.get());
        clock.advance(HolderCheck.INTERVAL);
        assertFalse(check.stillHolds("0xA"), "re-read: the credential moved");
        assertFalse(check.stillHolds("0xA"), "and stays refused");
    }

    @Test
    void anUnreadableChainKeepsTheSessionAndRetriesNextTime() {
        answer.set(Optional.empty());
        assertTrue(check.stillHolds("0xA"));
        assertTrue(check.stillHolds("0xA"));
        assertEquals(2, reads.get(), "unknown is not cached");
        answer.set(Optional.of(Verdict.DOES_NOT_HOLD));
        assertFalse(check.stillHolds("0xA"));
    }
}
