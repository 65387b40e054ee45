package org.blockhost.core.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.blockhost.core.internal.store.Sql;
import org.blockhost.core.internal.store.VmStore;
import org.blockhost.core.internal.testing.FakeEngine;
import org.blockhost.core.internal.testing.FakeProvisioner;
import org.blockhost.core.internal.testing.FakeSealer;
import org.blockhost.core.internal.testing.Harness;
import org.blockhost.core.internal.testing.MutableClock;
import org.blockhost.provisioner.api.GuestReadiness;
import org.blockhost.provisioner.api.ProvisionerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VM state "ready for login": set once from the provisioner's readiness probe, never guessed. */
class ReadinessWatchTest {
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDjh2bcfB5jVSRTK36sw2PJ/Nrba4NKc/mGf95Y2M7Ht";
    @TempDir
    Path dir;
    private Harness h;
    private final FakeProvisioner provisioner = new FakeProvisioner();
    private final MutableClock clock = new MutableClock(Instant.now().plusSeconds(90));
    private ReadinessWatch watch;

    @BeforeEach
    void activeVm() {
        h = new Harness(dir, Duration.ofSeconds(1)).bindAll(new FakeEngine(), provisioner, new FakeSealer());
        h.start(Harness.fast(1, 3), (id, from, to) -> { });
        h.commit(List.of(Harness.created(1, 1, 10)), 10);
        Harness.await(Duration.ofSeconds(10), () -> h.stage(1).equals("active"));
        watch = new ReadinessWatch(h.db, h.plugins, h.fence, clock);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private Optional<Instant> readyAt() {
        return new VmStore(h.db).find("blockhost-001").orElseThrow().readyAt();
    }

    @Test
    void aVmIsReadyOnlyOnceItsGuestSaysSo() {
        VmStore vms = new VmStore(h.db);
        provisioner.calls.clear();
        watch.tick();
        assertTrue(provisioner.calls.contains("readiness blockhost-001"), "the guest is asked");
        assertEquals(Optional.empty(), readyAt(), "running is not ready: the first boot has not finished");
        assertEquals(Optional.empty(), vms.typicalBootSeconds());
        provisioner.failNext("readiness", new ProvisionerException("guest agent: timeout", true));
        provisioner.readiness.put("blockhost-001", GuestReadiness.ready(KEY));
        watch.tick();
        assertEquals(Optional.empty(), readyAt(), "a failed probe changes nothing");

        watch.tick();
        assertEquals(Optional.of(Instant.ofEpochMilli(clock.millis())), readyAt());
        assertEquals(KEY, h.db.read(c -> Sql.one(c, "SELECT host_key FROM vms WHERE name = 'blockhost-001'",
                r -> r.getString(1)).orElseThrow()));
        assertEquals(1, vms.countReady());
        long boot = vms.typicalBootSeconds().orElseThrow();
        assertTrue(boot >= 85 && boot <= 120, "from create to ready: " + boot);
        assertTrue(new VmStore(h.db).list().get(0).toMap().get("ready").equals(true));

        provisioner.calls.clear();
        clock.set(Instant.ofEpochMilli(clock.millis()).plusSeconds(60));
        watch.tick();
        assertFalse(provisioner.calls.contains("readiness blockhost-001"), "a ready VM is not asked again");
        assertEquals(1, h.count("SELECT COUNT(*) FROM audit_log WHERE subject = 'blockhost-001' AND action = 'ready'"));
    }

    @Test
    void aGuestThatNeverFinishesBootingIsAskedLessOften() {
        provisioner.readiness.put("blockhost-001", GuestReadiness.NOT_READY);
        provisioner.calls.clear();
        watch.tick();
        watch.tick();
        assertEquals(2, probes(), "every pass while the first boot may still run");
        clock.set(Instant.ofEpochMilli(clock.millis()).plus(ReadinessWatch.STALE_AFTER));
        watch.tick();
        watch.tick();
        assertEquals(3, probes(), "ten minutes after create: at most once a minute");
        clock.set(Instant.ofEpochMilli(clock.millis()).plus(ReadinessWatch.SLOW_PROBE));
        provisioner.readiness.put("blockhost-001", GuestReadiness.ready(KEY));
        watch.tick();
        assertEquals(4, probes());
        assertTrue(readyAt().isPresent(), "a late first boot still counts");
    }

    private long probes() {
        return provisioner.calls.stream().filter("readiness blockhost-001"::equals).count();
    }

    @Test
    void aSuspendedVmIsNotProbed() {
        h.db.write(c -> Sql.update(c, "UPDATE vms SET state = 'suspended'"));
        provisioner.readiness.put("blockhost-001", GuestReadiness.ready(""));
        provisioner.calls.clear();
        watch.tick();
        assertFalse(provisioner.calls.contains("readiness blockhost-001"));
        assertEquals(Optional.empty(), readyAt());
    }
}
