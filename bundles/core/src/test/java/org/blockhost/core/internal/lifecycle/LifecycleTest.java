package org.blockhost.core.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.blockhost.core.internal.reconcile.Reconciler;
import org.blockhost.core.internal.testing.FakeEngine;
import org.blockhost.core.internal.testing.FakeProvisioner;
import org.blockhost.core.internal.testing.FakeSealer;
import org.blockhost.core.internal.testing.Harness;
import org.blockhost.core.internal.testing.MutableClock;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.provisioner.api.VmStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle runner and the reconciler against the store and test doubles, with a hand-moved clock. */
class LifecycleTest {
    private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");
    @TempDir
    Path dir;
    private Harness h;
    private final FakeEngine engine = new FakeEngine();
    private final FakeProvisioner provisioner = new FakeProvisioner();
    private final MutableClock clock = new MutableClock(EXPIRY.minusSeconds(3600));
    private Lifecycle lifecycle;

    @BeforeEach
    void activeVm() {
        h = new Harness(dir, Duration.ofSeconds(1)).bindAll(engine, provisioner, new FakeSealer());
        h.start(Harness.fast(1, 3), (id, from, to) -> { });
        h.commit(List.of(Harness.created(1, 1, 10)), 10);
        Harness.await(Duration.ofSeconds(10), () -> h.stage(1).equals("active"));
        lifecycle = new Lifecycle(h.db, h.plugins, h.fence, clock, Duration.ofDays(3));
    }

    @AfterEach
    void close() {
        h.close();
    }

    private void chainAt(Instant t) {
        engine.head = new ChainHead(1000, "h", 900, t);
        clock.set(t);
    }

    private String state() {
        return h.db.read(c -> org.blockhost.core.internal.store.Sql.one(c, "SELECT state FROM vms", r -> r.getString(1)).orElseThrow());
    }

    @Test
    void suspendResumeAndDestroyAfterGraceAndTwoChecks() {
        chainAt(EXPIRY.minusSeconds(10));
        lifecycle.tick();
        assertEquals("active", state());
        chainAt(EXPIRY);
        lifecycle.tick();
        assertEquals("suspended", state());
        assertEquals(VmStatus.SUSPENDED, provisioner.vms.get("blockhost-001"));
        h.commit(List.of(new ChainEvent.SubscriptionExtended(1, EXPIRY.plus(Duration.ofDays(30)), Harness.origin(20, 0))), 20);
        lifecycle.tick();
        assertEquals("active", state());
        chainAt(EXPIRY.plus(Duration.ofDays(30)));
        lifecycle.tick();
        chainAt(EXPIRY.plus(Duration.ofDays(34)));
        lifecycle.tick();
        assertEquals("suspended", state(), "one check is not enough");
        lifecycle.tick();
        assertEquals("destroyed", state());
        assertTrue(provisioner.vms.isEmpty());
        assertEquals(1, h.count("SELECT COUNT(*) FROM audit_log WHERE subject = 'blockhost-001' AND action = 'destroyed'"));
    }

    @Test
    void rpcErrorHoldAndDriftNeverDestroy() {
        chainAt(EXPIRY);
        lifecycle.tick();
        chainAt(EXPIRY.plus(Duration.ofDays(5)));
        lifecycle.tick();
        engine.headDown = true;
        lifecycle.tick();
        lifecycle.tick();
        assertEquals("suspended", state());
        engine.headDown = false;
        h.db.write(c -> org.blockhost.core.internal.store.Sql.update(c, "UPDATE vms SET held = 1"));
        lifecycle.tick();
        lifecycle.tick();
        assertEquals("suspended", state());
        provisioner.vms.remove("blockhost-001");
        provisioner.vms.put("blockhost-777", VmStatus.ACTIVE);
        Reconciler r = new Reconciler(h.db, h.plugins, h.fence, clock);
        r.tick();
        assertEquals(new Reconciler.Drift(java.util.Set.of("blockhost-001"), java.util.Set.of("blockhost-777")), r.drift());
        assertTrue(provisioner.calls.stream().noneMatch(c -> c.startsWith("destroy")));
    }

    @Test
    void ownerDriftIsPushedUntilItSucceeds() {
        engine.owners.put(1L, "0xNewOwner");
        provisioner.failNext("setOwner", new org.blockhost.provisioner.api.ProvisionerException("guest agent down", true));
        Reconciler r = new Reconciler(h.db, h.plugins, h.fence, clock);
        r.tick();
        assertEquals(1, h.count("SELECT COUNT(*) FROM vms WHERE owner = '0xNewOwner' AND owner_synced = 0"));
        r.tick();
        assertEquals("wallet=0xNewOwner,nft=1", provisioner.gecos.get("blockhost-001"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM vms WHERE owner_synced = 1"));
    }

    @Test
    void accessKeyRotationReEncryptsToTheNewKey() {
        String newKey = "03" + "22".repeat(32);
        h.commit(List.of(new ChainEvent.AccessKeyRotated(1, newKey, Harness.origin(30, 0))), 30);
        assertEquals(1, h.count("SELECT reseal_pending FROM vms WHERE name = 'blockhost-001'"));
        engine.mintFailures.clear();
        new org.blockhost.core.internal.reconcile.Resealer(h.db, h.plugins, h.fence, clock, () -> Harness.fast(1, 1)).tick();
        String blob = new String(engine.blobs.get(1L), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(blob.startsWith("sealed-for-" + newKey + ":{\"v\":1,\"vm\":\"blockhost-001\""), blob);
        assertEquals(0, h.count("SELECT reseal_pending FROM vms WHERE name = 'blockhost-001'"));
    }

    @Test
    void reorgedPurchaseSuspendsUntilReIncludedAndIsNeverDestroyed() {
        chainAt(EXPIRY.minusSeconds(100));
        List<ChainEvent> acted = h.inbox.reorg("fake", new org.blockhost.engine.api.ChainCursor(5, "b5"));
        assertEquals(1, acted.size(), "the purchase was acted on: reported, not deleted");
        lifecycle.tick();
        assertEquals("suspended", state());
        chainAt(EXPIRY.plus(Duration.ofDays(30)));
        lifecycle.tick();
        lifecycle.tick();
        assertEquals("suspended", state(), "never destroyed while orphaned");
        chainAt(EXPIRY.minusSeconds(50));
        h.commit(List.of(Harness.created(1, 1, 12)), 12);
        lifecycle.tick();
        assertEquals("active", state());
    }
}
