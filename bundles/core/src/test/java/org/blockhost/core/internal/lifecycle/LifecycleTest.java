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
import org.blockhost.engine.api.SubscriptionRecord;
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
    private final FakeSealer sealer = new FakeSealer();
    private final MutableClock clock = new MutableClock(EXPIRY.minusSeconds(3600));
    private Lifecycle lifecycle;

    @BeforeEach
    void activeVm() {
        h = new Harness(dir, Duration.ofSeconds(1)).bindAll(engine, provisioner, sealer).withActiveVm();
        lifecycle = new Lifecycle(h.db, h.plugins, h.fence, clock, Duration.ofDays(3));
    }

    @AfterEach
    void close() {
        h.close();
    }

    /** Chain time t; the finalized block 40 is just above the watcher's cursor (blocks 10..30). */
    private void chainAt(Instant t) {
        engine.head = new ChainHead(45, "h", 40, t);
        clock.set(t);
    }

    private void onChain(long id, Instant expiry) {
        engine.chain.put(id, new SubscriptionRecord(id, Harness.BUYER, 1, expiry, false, 40));
    }

    private String state() {
        return state("blockhost-001");
    }

    private String state(String name) {
        return h.db.read(c -> org.blockhost.core.internal.store.Sql.one(c, "SELECT state FROM vms WHERE name = ?",
                r -> r.getString(1), name).orElseThrow());
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
        onChain(1, EXPIRY.plus(Duration.ofDays(30)));
        chainAt(EXPIRY.plus(Duration.ofDays(30)));
        lifecycle.tick();
        chainAt(EXPIRY.plus(Duration.ofDays(34)));
        lifecycle.tick();
        assertEquals("suspended", state(), "one check is not enough");
        String port = "SELECT COUNT(*) FROM allocations WHERE kind = 'ssh_forward' AND vm_name = 'blockhost-001'";
        assertEquals(1, h.count(port), "the public port is kept while the VM exists");
        lifecycle.tick();
        assertEquals("destroyed", state());
        assertEquals(0, h.count(port), "the public port is freed with the VM");
        assertTrue(provisioner.vms.isEmpty());
        assertEquals(1, h.count("SELECT COUNT(*) FROM audit_log WHERE subject = 'blockhost-001' AND action = 'destroyed'"));
        assertEquals(List.of(1L), List.copyOf(engine.destroyedReports), "the destroy is reported to the chain");
    }

    @Test
    void aLaterExpiryOnChainIsARenewalNotADestroy() {
        lifecycle.renewalCheckInterval(Duration.ofDays(365)); // only the destroy guard reads the chain here
        chainAt(EXPIRY);
        lifecycle.tick();
        assertEquals("suspended", state());
        onChain(1, EXPIRY.plus(Duration.ofDays(30)));
        chainAt(EXPIRY.plus(Duration.ofDays(4)));
        lifecycle.tick();
        lifecycle.tick();
        assertEquals("suspended", state(), "the watcher missed the renewal; the chain at finality has it");
        assertEquals(1, h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'expiry corrected from chain'"));
        lifecycle.tick();
        assertEquals("active", state());
        assertTrue(provisioner.calls.stream().noneMatch(c -> c.startsWith("destroy")));
    }

    @Test
    void aRenewalWhoseLogNeverArrivedKeepsThePaidVmRunningAtExpiry() {
        onChain(1, EXPIRY.plus(Duration.ofDays(30))); // renewed on chain, the watcher never saw the log
        chainAt(EXPIRY);
        lifecycle.tick();
        assertEquals("active", state(), "the chain at finality says paid: not suspended");
        assertTrue(provisioner.calls.stream().noneMatch(c -> c.startsWith("suspend")), provisioner.calls.toString());
        assertEquals(EXPIRY.plus(Duration.ofDays(30)).toEpochMilli(), h.count("SELECT expires_at FROM subscriptions WHERE id = 1"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'expiry corrected from chain'"));
    }

    @Test
    void aVmSuspendedForExpiryIsResumedWhenTheChainAtFinalityShowsARenewalCheckedAtMostOncePerInterval() {
        lifecycle.renewalCheckInterval(Duration.ofMinutes(10));
        onChain(1, EXPIRY);
        chainAt(EXPIRY);
        lifecycle.tick();
        assertEquals("suspended", state());
        assertEquals(1, engine.finalizedCalls.get(), "checked once just before the suspend");
        onChain(1, EXPIRY.plus(Duration.ofDays(30))); // renewed; its log is lost
        chainAt(EXPIRY.plus(Duration.ofMinutes(5)));
        lifecycle.tick();
        lifecycle.tick();
        assertEquals("suspended", state(), "no check due yet");
        assertEquals(1, engine.finalizedCalls.get(), "rate-limited");
        chainAt(EXPIRY.plus(Duration.ofMinutes(11)));
        lifecycle.tick();
        assertEquals("active", state(), "resumed long before the grace period ends");
        assertEquals(2, engine.finalizedCalls.get());
        assertEquals(VmStatus.ACTIVE, provisioner.vms.get("blockhost-001"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'expiry corrected from chain'"));
    }

    @Test
    void anUnreadableChainAtExpiryStillSuspends() {
        onChain(1, EXPIRY.plus(Duration.ofDays(30)));
        engine.finalizedDown = true;
        chainAt(EXPIRY);
        lifecycle.tick();
        assertEquals("suspended", state(), "unknown is not paid");
        engine.finalizedDown = false;
        chainAt(EXPIRY.plus(Duration.ofMinutes(11)));
        lifecycle.tick();
        assertEquals("active", state(), "the next due check finds the renewal");
    }

    @Test
    void unreadableOrLaggingChainNeverDestroys() {
        chainAt(EXPIRY);
        lifecycle.tick();
        onChain(1, EXPIRY);
        chainAt(EXPIRY.plus(Duration.ofDays(4)));
        engine.finalizedDown = true;
        for (int i = 0; i < 3; i++) {
            lifecycle.tick();
        }
        engine.finalizedDown = false;
        engine.head = new ChainHead(200, "h", 195, EXPIRY.plus(Duration.ofDays(4)));
        for (int i = 0; i < 3; i++) {
            lifecycle.tick();
        }
        assertEquals("suspended", state(), "cursor 10 is 185 blocks behind the finalized block");
        lifecycle.maxCursorLag(200);
        lifecycle.tick();
        lifecycle.tick();
        assertEquals("destroyed", state());
    }

    @Test
    void theDestroyReportIsRetriedUntilTheChainTakesIt() {
        engine.destroyedFailures.set(2);
        chainAt(EXPIRY);
        lifecycle.tick();
        onChain(1, EXPIRY);
        chainAt(EXPIRY.plus(Duration.ofDays(4)));
        lifecycle.tick();
        lifecycle.tick();
        assertEquals("destroyed", state());
        assertTrue(engine.destroyedReports.isEmpty());
        lifecycle.tick();
        lifecycle.tick();
        lifecycle.tick();
        assertEquals(List.of(1L), List.copyOf(engine.destroyedReports));
        assertEquals(1, h.count("SELECT destroy_reported FROM vms WHERE name = 'blockhost-001'"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"vm_created", "credentials_encrypted"})
    void aVmParkedAfterCreationIsSuspendedAtExpiryAndDestroyedAfterGrace(String stage) {
        if (stage.equals("vm_created")) {
            sealer.failWith = new IllegalStateException("sealer bug");
        } else {
            for (int i = 0; i < 3; i++) {
                engine.mintFailures.add(new IllegalStateException("mint bug"));
            }
        }
        h.commit(List.of(Harness.created(2, 1, 30)), 30);
        Harness.await(Duration.ofSeconds(10), () -> h.stage(2).equals(stage + " parked"));
        assertEquals("provisioning", state("blockhost-002"));
        Reconciler inventory = new Reconciler(h.db, h.plugins, h.fence, clock);
        inventory.tick();
        assertTrue(inventory.drift().unknown().isEmpty(), "a parked VM is known to the store: " + inventory.drift());
        chainAt(EXPIRY.minusSeconds(5));
        lifecycle.tick();
        assertEquals("provisioning", state("blockhost-002"), "paid: a parked VM may run");
        chainAt(EXPIRY);
        lifecycle.tick();
        assertEquals("suspended", state("blockhost-002"));
        assertEquals(VmStatus.SUSPENDED, provisioner.vms.get("blockhost-002"));
        onChain(1, EXPIRY);
        onChain(2, EXPIRY);
        chainAt(EXPIRY.plus(Duration.ofDays(4)));
        lifecycle.tick();
        lifecycle.tick();
        assertEquals("destroyed", state("blockhost-002"));
        assertTrue(!provisioner.vms.containsKey("blockhost-002"));
        assertTrue(engine.destroyedReports.contains(2L));
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

    /** A new owner whose login wallet the engine cannot name yet is retried; then the guest gets that wallet. */
    @Test
    void ownerDriftPushesTheEnginesLoginWallet() {
        engine.owners.put(1L, "0xNewOwner");
        engine.logins.put("0xNewOwner", "bc1pNewOwnerTaproot");
        engine.loginUnknown.set(1);
        Reconciler r = new Reconciler(h.db, h.plugins, h.fence, clock);
        r.tick();
        assertEquals(1, h.count("SELECT COUNT(*) FROM vms WHERE owner = '0xNewOwner' AND owner_synced = 0"));
        r.tick();
        assertEquals("wallet=bc1pNewOwnerTaproot,nft=1", provisioner.gecos.get("blockhost-001"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM vms WHERE owner = '0xNewOwner' AND owner_synced = 1"));
    }

    @Test
    void accessKeyRotationReEncryptsToTheNewKey() {
        String newKey = "03" + "22".repeat(32);
        h.commit(List.of(new ChainEvent.AccessKeyRotated(1, newKey, Harness.origin(30, 0))), 30);
        assertEquals(1, h.count("SELECT reseal_pending FROM vms WHERE name = 'blockhost-001'"));
        engine.mintFailures.clear();
        new org.blockhost.core.internal.reconcile.Resealer(h.db, h.plugins, h.fence, clock, () -> Harness.fast(1, 1),
                Duration.ZERO).tick();
        String blob = new String(engine.blobs.get(1L), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(blob.startsWith("sealed-for-" + newKey + ":{\"v\":1,\"vm\":\"blockhost-001\""), blob);
        assertEquals(0, h.count("SELECT reseal_pending FROM vms WHERE name = 'blockhost-001'"));
    }

    @Test
    void resealsAreRateLimitedPerTokenAndCoalesced() {
        String a = "03" + "22".repeat(32);
        String b = Harness.KEY;
        var resealer = new org.blockhost.core.internal.reconcile.Resealer(h.db, h.plugins, h.fence, clock,
                () -> Harness.fast(1, 1), Duration.ofMinutes(10));
        h.commit(List.of(new ChainEvent.AccessKeyRotated(1, a, Harness.origin(30, 0))), 30);
        resealer.tick();
        assertTrue(new String(engine.blobs.get(1L), java.nio.charset.StandardCharsets.UTF_8).startsWith("sealed-for-" + a));
        for (int i = 0; i < 5; i++) {
            h.commit(List.of(new ChainEvent.AccessKeyRotated(1, i % 2 == 0 ? b : a, Harness.origin(31 + i, 0))), 31 + i);
            clock.advance(Duration.ofMinutes(1));
            resealer.tick();
        }
        assertEquals(1, h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'credentials re-encrypted'"),
                "one update per token per 10 minutes, however often the key is rotated");
        clock.advance(Duration.ofMinutes(5));
        resealer.tick();
        assertEquals(2, h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'credentials re-encrypted'"));
        assertTrue(new String(engine.blobs.get(1L), java.nio.charset.StandardCharsets.UTF_8).startsWith("sealed-for-" + b),
                "the waiting rotations are coalesced into the latest key");
        assertEquals(0, h.count("SELECT reseal_pending FROM vms WHERE name = 'blockhost-001'"));
    }

    @Test
    void aResealKeepsTheGuestsHostKey() {
        String hostKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDjh2bcfB5jVSRTK36sw2PJ/Nrba4NKc/mGf95Y2M7Ht";
        h.db.write(c -> org.blockhost.core.internal.store.ReadyMark.mark(c, "blockhost-001",
                org.blockhost.provisioner.api.GuestReadiness.ready(hostKey), clock.millis()));
        String a = "03" + "22".repeat(32);
        h.commit(List.of(new ChainEvent.AccessKeyRotated(1, a, Harness.origin(30, 0))), 30);
        new org.blockhost.core.internal.reconcile.Resealer(h.db, h.plugins, h.fence, clock, () -> Harness.fast(1, 1),
                Duration.ZERO).tick();
        assertEquals("{\"v\":1,\"vm\":\"blockhost-001\",\"host\":\"10.0.0.1\",\"port\":22,\"user\":\"user\",\"hostKey\":\""
                + hostKey + "\"}", sealer.lastPlaintext.get(a), "the new holder can check the host key too");
    }

    @Test
    void anOffCurveRotatedKeyIsRefusedWithoutMarkingTheSealerFailed() {
        h.commit(List.of(new ChainEvent.AccessKeyRotated(1, Harness.OFF_CURVE_KEY, Harness.origin(30, 0))), 30);
        new org.blockhost.core.internal.reconcile.Resealer(h.db, h.plugins, h.fence, clock, () -> Harness.fast(1, 1),
                Duration.ZERO).tick();
        assertEquals(1, h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'access key refused'"));
        assertEquals(0, h.count("SELECT reseal_pending FROM vms WHERE name = 'blockhost-001'"));
        assertTrue(h.status.failures.isEmpty());
    }

    @Test
    void aPurchaseReusingTheIdOfAReorgedOneIsServedOnceFinalOnAFreshVm() {
        chainAt(EXPIRY.minusSeconds(100));
        h.inbox.reorg("fake", new org.blockhost.engine.api.ChainCursor(5, "b5"));
        String mallory = "0x00000000000000000000000000000000000000bb";
        h.commit(List.of(new ChainEvent.SubscriptionCreated(1, 2, mallory, EXPIRY.plus(Duration.ofDays(9)), Harness.KEY,
                new org.blockhost.engine.api.EventOrigin(42, "b42", "tx-mallory", 0))), 42);
        lifecycle.tick();
        assertEquals("suspended", state(), "the reorged buyer's VM is suspended; the new purchase is not final yet");
        engine.chain.put(1L, new SubscriptionRecord(1, mallory, 2, EXPIRY.plus(Duration.ofDays(9)), false, 45));
        engine.head = new ChainHead(50, "h", 45, EXPIRY.minusSeconds(100));
        lifecycle.tick();
        assertTrue(provisioner.calls.contains("destroy blockhost-001"));
        Harness.await(Duration.ofSeconds(10), () -> h.stage(1).equals("active"));
        assertEquals("active", state());
        assertEquals(2, provisioner.creates.get(), "a fresh VM for the new buyer");
        assertEquals("wallet=" + mallory + ",nft=1", provisioner.gecos.get("blockhost-001"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM superseded WHERE subscriber = ?", Harness.BUYER));
        assertTrue(engine.destroyedReports.isEmpty(), "the id now belongs to the new buyer: never reported destroyed");
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
        h.commit(List.of(Harness.reIncluded(1, 1, 10, 12)), 12);
        lifecycle.tick();
        assertEquals("active", state());
    }

    private long audits(String name, String action) {
        return h.count("SELECT COUNT(*) FROM audit_log WHERE subject = '" + name + "' AND action = '" + action + "'");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = VmStatus.class, names = {"SHUT_OFF", "SUSPENDED", "PAUSED"})
    void aPaidVmThatIsNotRunningRunsAgain(VmStatus actual) {
        provisioner.vms.put("blockhost-001", actual); // tenant poweroff, host reboot, someone else's pause
        chainAt(EXPIRY.minusSeconds(10));
        lifecycle.tick();
        assertEquals(VmStatus.ACTIVE, provisioner.vms.get("blockhost-001"));
        assertEquals("active", state());
        assertEquals(1, audits("blockhost-001", "started again"));
        lifecycle.tick();
        assertEquals(1, audits("blockhost-001", "started again"), "converged: nothing more to do");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = VmStatus.class, names = {"ACTIVE", "PAUSED", "SHUT_OFF", "DESTROYED"})
    void anExpiredVmIsSuspendedFromEveryActualStateAndDestroyedAfterGrace(VmStatus actual) {
        if (actual == VmStatus.DESTROYED) {
            provisioner.vms.remove("blockhost-001");
        } else {
            provisioner.vms.put("blockhost-001", actual);
        }
        chainAt(EXPIRY);
        lifecycle.tick();
        assertEquals("suspended", state(), "never left active");
        VmStatus now = provisioner.vms.getOrDefault("blockhost-001", VmStatus.DESTROYED);
        assertTrue(now != VmStatus.ACTIVE && now != VmStatus.PAUSED, "holds no RAM: " + now);
        onChain(1, EXPIRY);
        chainAt(EXPIRY.plus(Duration.ofDays(4)));
        lifecycle.tick();
        lifecycle.tick();
        assertEquals("destroyed", state());
        assertTrue(provisioner.vms.isEmpty());
    }

    @Test
    void aRenewalStartsAVmThatWasShutOffWhileSuspended() {
        chainAt(EXPIRY);
        lifecycle.tick();
        provisioner.vms.put("blockhost-001", VmStatus.SHUT_OFF); // the saved image was lost, or it was off already
        h.commit(List.of(new ChainEvent.SubscriptionExtended(1, EXPIRY.plus(Duration.ofDays(30)), Harness.origin(20, 0))), 20);
        lifecycle.tick();
        assertEquals("active", state());
        assertEquals(VmStatus.ACTIVE, provisioner.vms.get("blockhost-001"), "resume really runs it");
    }

    @Test
    void aFailedStartIsRetriedAndNeverReportedAsDone() {
        provisioner.vms.put("blockhost-001", VmStatus.SHUT_OFF);
        provisioner.failNext("start", new org.blockhost.provisioner.api.ProvisionerException("libvirt down", true));
        chainAt(EXPIRY.minusSeconds(10));
        lifecycle.tick();
        assertEquals(VmStatus.SHUT_OFF, provisioner.vms.get("blockhost-001"));
        assertEquals(0, audits("blockhost-001", "started again"));
        lifecycle.tick();
        assertEquals(VmStatus.ACTIVE, provisioner.vms.get("blockhost-001"));
    }

    @Test
    void anOperatorSuspendedVmStaysSuspendedWhilePaid() {
        OperatorActions ops = new OperatorActions(h.db, lifecycle.actions(), clock);
        ops.suspend("blockhost-001", true, "operator");
        provisioner.vms.put("blockhost-001", VmStatus.ACTIVE); // started behind core's back
        chainAt(EXPIRY.minusSeconds(10));
        lifecycle.tick();
        assertEquals("suspended", state());
        assertEquals(VmStatus.SUSPENDED, provisioner.vms.get("blockhost-001"));
        assertEquals(1L, h.count("SELECT operator_suspended FROM vms WHERE name = 'blockhost-001'"), "the flag is kept");
        provisioner.vms.put("blockhost-001", VmStatus.SHUT_OFF);
        lifecycle.tick();
        assertEquals(VmStatus.SHUT_OFF, provisioner.vms.get("blockhost-001"), "off counts as suspended: not started");
    }

    @Test
    void afterAHostRebootPaidVmsRunAgainAndSuspendedOnesStaySuspended() {
        h.commit(List.of(Harness.created(2, 1, 30), Harness.created(3, 1, 31)), 31);
        Harness.await(Duration.ofSeconds(10), () -> h.stage(2).equals("active") && h.stage(3).equals("active"));
        h.commit(List.of(new ChainEvent.SubscriptionExtended(1, EXPIRY.plus(Duration.ofDays(30)), Harness.origin(32, 0)),
                new ChainEvent.SubscriptionExtended(3, EXPIRY.plus(Duration.ofDays(30)), Harness.origin(32, 1))), 32);
        chainAt(EXPIRY);
        lifecycle.tick();
        assertEquals("suspended", state("blockhost-002"));
        // the host reboots: running domains go off, the saved one keeps its image; the runtime restarts
        provisioner.vms.replaceAll((n, s) -> s == VmStatus.ACTIVE ? VmStatus.SHUT_OFF : s);
        Lifecycle restarted = new Lifecycle(h.db, h.plugins, h.fence, clock, Duration.ofDays(3));
        restarted.tick();
        assertEquals(VmStatus.ACTIVE, provisioner.vms.get("blockhost-001"));
        assertEquals(VmStatus.ACTIVE, provisioner.vms.get("blockhost-003"));
        assertEquals(VmStatus.SUSPENDED, provisioner.vms.get("blockhost-002"), "suspended stays suspended");
        assertEquals(List.of("active", "suspended", "active"),
                List.of(state("blockhost-001"), state("blockhost-002"), state("blockhost-003")));
    }
}
