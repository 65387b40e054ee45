package org.blockhost.core.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.blockhost.core.internal.store.Sql;
import org.blockhost.core.internal.testing.FakeEngine;
import org.blockhost.core.internal.testing.FakeProvisioner;
import org.blockhost.core.internal.testing.FakeSealer;
import org.blockhost.core.internal.testing.Harness;
import org.blockhost.core.internal.testing.MutableClock;
import org.blockhost.engine.api.ChainHead;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vm suspend|resume|destroy}: confirmation, the paid-and-not-parked guard, audit. */
class OperatorActionsTest {
    private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");
    @TempDir
    Path dir;
    private Harness h;
    private final FakeEngine engine = new FakeEngine();
    private final FakeProvisioner provisioner = new FakeProvisioner();
    private final MutableClock clock = new MutableClock(EXPIRY.minus(Duration.ofDays(1)));
    private Lifecycle lifecycle;
    private OperatorActions ops;

    @BeforeEach
    void paidActiveVm() {
        h = new Harness(dir, Duration.ofSeconds(1)).bindAll(engine, provisioner, new FakeSealer());
        h.start(Harness.fast(1, 3), (id, from, to) -> { });
        h.commit(List.of(Harness.created(1, 1, 10)), 10);
        Harness.await(Duration.ofSeconds(10), () -> h.stage(1).equals("active"));
        lifecycle = new Lifecycle(h.db, h.plugins, h.fence, clock, Duration.ofDays(3));
        ops = new OperatorActions(h.db, lifecycle.actions(), clock);
        engine.head = new ChainHead(20, "h", 15, clock.instant());
    }

    @AfterEach
    void close() {
        h.close();
    }

    private String state() {
        return h.db.read(c -> Sql.one(c, "SELECT state FROM vms WHERE name = 'blockhost-001'", r -> r.getString(1)).orElseThrow());
    }

    private long audited(String action) {
        return h.count("SELECT COUNT(*) FROM audit_log WHERE subject = 'blockhost-001' AND action = ? AND actor = 'operator'", action);
    }

    @Test
    void destroyNeedsConfirmationAndRefusesAPaidVmUnlessForced() {
        assertThrows(IllegalArgumentException.class, () -> ops.destroy("blockhost-001", false, true, "operator"));
        IllegalArgumentException paid = assertThrows(IllegalArgumentException.class,
                () -> ops.destroy("blockhost-001", true, false, "operator"));
        assertTrue(paid.getMessage().contains("--force-paid"), paid.getMessage());
        assertEquals(1, audited("destroy refused"));
        assertEquals("active", state());
        assertTrue(provisioner.calls.stream().noneMatch(c -> c.startsWith("destroy")));
        ops.destroy("blockhost-001", true, true, "operator");
        assertEquals("destroyed", state());
        assertEquals(1, audited("destroyed"));
        assertTrue(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'destroyed' AND detail LIKE '%forced%'") == 1);
        assertThrows(IllegalArgumentException.class, () -> ops.destroy("blockhost-001", true, true, "operator"));
        assertThrows(IllegalArgumentException.class, () -> ops.destroy("blockhost-404", true, true, "operator"));
    }

    @Test
    void aParkedVmCanBeDestroyedWhilePaidWithoutForce() {
        h.db.write(c -> Sql.update(c, "UPDATE pipeline SET parked_reason = 'stuck' WHERE subscription_id = 1"));
        ops.destroy("blockhost-001", true, false, "operator");
        assertEquals("destroyed", state());
    }

    @Test
    void operatorSuspendSticksUntilResumed() {
        assertThrows(IllegalArgumentException.class, () -> ops.suspend("blockhost-001", false, "operator"));
        ops.suspend("blockhost-001", true, "operator");
        assertEquals("suspended", state());
        lifecycle.tick();
        lifecycle.tick();
        assertEquals("suspended", state(), "paid, but the lifecycle does not undo the operator's suspend");
        ops.resume("blockhost-001", "operator");
        assertEquals("active", state());
        assertEquals(1, audited("suspended"));
        assertEquals(1, audited("resumed"));
    }

    @Test
    void heldVmIsNeverDestroyed() {
        h.db.write(c -> Sql.update(c, "UPDATE vms SET held = 1"));
        assertThrows(IllegalArgumentException.class, () -> ops.destroy("blockhost-001", true, true, "operator"));
        assertEquals("active", state());
    }

    @Test
    void startAndStopCallTheProvisionerAuditAndKeepTheStoredState() {
        ops.stop("blockhost-001", "operator");
        ops.start("blockhost-001", "operator");
        assertTrue(provisioner.calls.contains("stop blockhost-001") && provisioner.calls.contains("start blockhost-001"),
                provisioner.calls.toString());
        assertEquals("active", state());
        assertEquals(1, audited("stopped"));
        assertEquals(1, audited("started"));
        ops.suspend("blockhost-001", true, "operator");
        assertThrows(IllegalArgumentException.class, () -> ops.start("blockhost-001", "operator"), "resume, not start");
        assertThrows(IllegalArgumentException.class, () -> ops.stop("blockhost-404", "operator"));
    }
}
