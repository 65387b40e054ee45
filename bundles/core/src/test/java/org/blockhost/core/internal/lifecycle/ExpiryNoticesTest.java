package org.blockhost.core.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.core.internal.testing.FakeEngine;
import org.blockhost.core.internal.testing.FakeProvisioner;
import org.blockhost.core.internal.testing.FakeSealer;
import org.blockhost.core.internal.testing.Harness;
import org.blockhost.core.internal.testing.MutableClock;
import org.blockhost.provisioner.api.ProvisionerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expiry warnings in the guest: the banner per expiry, one wall at 3 days and one at 1 day, never resent. */
class ExpiryNoticesTest {
    private static final String URL = "https://shop.example:8443/servers";
    private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");
    @TempDir
    Path dir;
    private Harness h;
    private final FakeProvisioner provisioner = new FakeProvisioner();
    private final MutableClock clock = new MutableClock(EXPIRY.minus(Duration.ofDays(10)));

    @BeforeEach
    void activeVm() {
        h = new Harness(dir, Duration.ofSeconds(1)).bindAll(new FakeEngine(), provisioner, new FakeSealer());
        h.start(Harness.fast(1, 3), (id, from, to) -> { });
        h.commit(List.of(Harness.created(1, 1, 10)), 10);
        Harness.await(Duration.ofSeconds(10), () -> h.stage(1).equals("active"));
    }

    @AfterEach
    void close() {
        h.close();
    }

    private ExpiryNotices notices() {
        return new ExpiryNotices(h.db, h.plugins, h.fence, clock, () -> Optional.of(URL));
    }

    private static String notice(String kind, Instant expiry) {
        return "blockhost-001 " + kind + " " + expiry + " " + URL;
    }

    @Test
    void bannerOnceThenOneWallAtThreeDaysAndOneAtOneDay() {
        ExpiryNotices n = notices();
        n.tick();
        n.tick();
        assertEquals(List.of(notice("BANNER", EXPIRY)), List.copyOf(provisioner.notices), "banner once, no wall 10 days ahead");
        clock.set(EXPIRY.minus(Duration.ofDays(3)).plusSeconds(60));
        n.tick();
        n.tick();
        clock.set(EXPIRY.minus(Duration.ofDays(2)));
        n.tick();
        assertEquals(List.of(notice("BANNER", EXPIRY), notice("WALL", EXPIRY)), List.copyOf(provisioner.notices));
        clock.set(EXPIRY.minus(Duration.ofHours(23)));
        n.tick();
        clock.set(EXPIRY.minus(Duration.ofHours(2)));
        n.tick();
        assertEquals(List.of(notice("BANNER", EXPIRY), notice("WALL", EXPIRY), notice("WALL", EXPIRY)),
                List.copyOf(provisioner.notices), "the 1-day wall once");
        clock.set(EXPIRY.plusSeconds(1));
        n.tick();
        assertEquals(3, provisioner.notices.size(), "nothing after expiry");
    }

    @Test
    void restartDoesNotResend() {
        clock.set(EXPIRY.minus(Duration.ofHours(60)));
        notices().tick();
        assertEquals(2, provisioner.notices.size(), "banner and the 3-day wall");
        notices().tick();
        assertEquals(2, provisioner.notices.size(), "a new scheduler (runtime restart) reads what was sent from the store");
        assertTrue(h.db.read(c -> Sql.one(c, "SELECT MAX(version) FROM schema_version", r -> r.getInt(1))).orElseThrow() >= 6,
                "the notices' migration (6) is applied");
    }

    @Test
    void renewalRewritesTheBannerAndArmsTheWallsAgain() {
        clock.set(EXPIRY.minus(Duration.ofHours(12)));
        ExpiryNotices n = notices();
        n.tick();
        Instant renewed = EXPIRY.plus(Duration.ofDays(30));
        setExpiry(h.db, renewed);
        n.tick();
        n.tick();
        assertEquals(List.of(notice("BANNER", EXPIRY), notice("WALL", EXPIRY), notice("BANNER", renewed)),
                List.copyOf(provisioner.notices));
        clock.set(renewed.minus(Duration.ofHours(12)));
        n.tick();
        assertEquals(notice("WALL", renewed), List.copyOf(provisioner.notices).get(3), "the renewed expiry warns again");
    }

    @Test
    void aFailedCallIsRetriedLaterAndDeliveredOnce() {
        clock.set(EXPIRY.minus(Duration.ofHours(12)));
        provisioner.failNext("notifyExpiry", new ProvisionerException("guest agent not answering", true));
        ExpiryNotices n = notices();
        n.tick();
        assertTrue(provisioner.notices.isEmpty());
        provisioner.calls.clear();
        n.tick();
        assertTrue(provisioner.calls.isEmpty(), "not asked again before the retry delay");
        clock.advance(ExpiryNotices.RETRY);
        n.tick();
        n.tick();
        assertEquals(List.of(notice("BANNER", EXPIRY), notice("WALL", EXPIRY)), List.copyOf(provisioner.notices));
    }

    @Test
    void renewUrlFromThePublicHostAndTheServedPort() {
        assertEquals(Optional.of("https://shop.example:8443/servers"), RenewUrl.of("shop.example", "https://127.0.0.1:8443"));
        assertEquals(Optional.of("https://shop.example/servers"), RenewUrl.of("shop.example", "https://0.0.0.0:443"));
        assertEquals(Optional.of("https://shop.example/servers"), RenewUrl.of("shop.example", null));
        assertEquals(Optional.of("https://[2001:db8::1]:8443/servers"), RenewUrl.of("2001:db8::1", "https://[::1]:8443"));
        assertEquals(Optional.empty(), RenewUrl.of("", "https://127.0.0.1:8443"));
        assertEquals(Optional.empty(), RenewUrl.of("evil host\n", null));
    }

    private static void setExpiry(Database db, Instant expiry) {
        db.write(c -> Sql.update(c, "UPDATE subscriptions SET expires_at = ? WHERE id = 1", expiry.toEpochMilli()));
    }
}
