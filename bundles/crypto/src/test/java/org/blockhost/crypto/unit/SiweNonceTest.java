package org.blockhost.crypto.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.blockhost.crypto.api.IssuedNonces;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.crypto.api.Siwe;
import org.blockhost.crypto.api.SiweException;
import org.blockhost.crypto.api.SiweExpectations;
import org.junit.jupiter.api.Test;

/** Single-use nonces: Siwe.verify consumes the nonce from the store, after every other check. */
class SiweNonceTest {
    private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override
        public Clock withZone(ZoneId zone) { return this; }

        @Override
        public Instant instant() { return now; }
    }

    private final MovingClock clock = new MovingClock();
    private final IssuedNonces nonces = new IssuedNonces(Duration.ofMinutes(5), 100, clock);

    private SiweExpectations expect(String nonce) {
        return SiweExpectations.of(SiweVerifyTest.DOMAIN, SiweVerifyTest.URI, 31337, nonce).clock(clock);
    }

    @Test
    void theSameNonceTwiceIsRejectedTheSecondTime() {
        String nonce = nonces.issue();
        String text = SiweVerifyTest.noExpiry("2030-01-01T10:00:00Z", nonce);
        String sig = PersonalSign.sign(SiweVerifyTest.KEY, text).toHex();
        clock.now = T0.plusSeconds(30);
        assertEquals(nonce, Siwe.verify(text, sig, expect(nonce), nonces).nonce());
        SiweException again = assertThrows(SiweException.class, () -> Siwe.verify(text, sig, expect(nonce), nonces));
        assertEquals("SIWE nonce was already used, has expired or was never issued", again.getMessage());
    }

    @Test
    void aFailedVerificationDoesNotUseUpTheNonce() {
        String nonce = nonces.issue();
        String text = SiweVerifyTest.noExpiry("2030-01-01T10:00:00Z", nonce);
        byte[] other = new byte[32];
        other[31] = 9;
        String forged = PersonalSign.sign(other, text).toHex();
        assertThrows(SiweException.class, () -> Siwe.verify(text, forged, expect(nonce), nonces));
        String sig = PersonalSign.sign(SiweVerifyTest.KEY, text).toHex();
        assertEquals(nonce, Siwe.verify(text, sig, expect(nonce), nonces).nonce());
    }

    @Test
    void neverIssuedAndExpiredNoncesAreRefused() {
        assertFalse(nonces.consume("NeverIssued12345"));
        assertFalse(nonces.consume(null));
        String nonce = nonces.issue();
        clock.now = T0.plus(Duration.ofMinutes(5));
        assertFalse(nonces.consume(nonce));
        String fresh = nonces.issue();
        assertTrue(fresh.matches("[A-Za-z0-9]{17}"));
        assertTrue(nonces.consume(fresh));
        assertFalse(nonces.consume(fresh));
    }

    @Test
    void capacityBoundsOutstandingNonces() {
        IssuedNonces small = new IssuedNonces(Duration.ofMinutes(1), 2, clock);
        small.issue();
        small.issue();
        assertThrows(IllegalStateException.class, small::issue);
        clock.now = T0.plus(Duration.ofMinutes(1));
        small.issue(); /* the expired ones were dropped */
        assertThrows(IllegalArgumentException.class, () -> new IssuedNonces(Duration.ZERO, 1, clock));
    }

    @Test
    void concurrentSubmissionsOfOneMessageSucceedOnce() throws Exception {
        String nonce = nonces.issue();
        String text = SiweVerifyTest.noExpiry("2030-01-01T10:00:00Z", nonce);
        String sig = PersonalSign.sign(SiweVerifyTest.KEY, text).toHex();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tasks.add(() -> {
                    try {
                        Siwe.verify(text, sig, expect(nonce), nonces);
                        return true;
                    } catch (SiweException e) {
                        return false;
                    }
                });
            }
            int ok = 0;
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                ok += f.get() ? 1 : 0;
            }
            assertEquals(1, ok);
        } finally {
            pool.shutdownNow();
        }
    }
}
