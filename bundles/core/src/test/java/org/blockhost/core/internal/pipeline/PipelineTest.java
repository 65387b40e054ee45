package org.blockhost.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.blockhost.core.internal.plans.PlanCatalog;
import org.blockhost.core.internal.testing.FakeEngine;
import org.blockhost.core.internal.testing.FakeProvisioner;
import org.blockhost.core.internal.testing.FakeSealer;
import org.blockhost.core.internal.testing.Harness;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.provisioner.api.GuestReadiness;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.api.VmStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir
    Path dir;
    private Harness h;
    private final FakeEngine engine = new FakeEngine();
    private final FakeProvisioner provisioner = new FakeProvisioner();
    private final FakeSealer sealer = new FakeSealer();

    private Harness harness() {
        h = new Harness(dir, Duration.ofSeconds(1));
        return h;
    }

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void happyPathWalksEveryStageToActive() {
        harness().bindAll(engine, provisioner, sealer).start(Harness.fast(4, 3), (id, from, to) -> { });
        h.commit(List.of(Harness.created(1, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(1).equals("active"));
        assertEquals(1, provisioner.creates.get());
        assertEquals("wallet=0xAbC0000000000000000000000000000000000001,nft=1", provisioner.gecos.get("blockhost-001"));
        assertEquals("{\"v\":1,\"vm\":\"blockhost-001\",\"host\":\"10.0.0.1\",\"port\":22,\"user\":\"user\"}",
                sealer.lastPlaintext.values().iterator().next());
        assertTrue(new String(engine.blobs.get(1L), StandardCharsets.UTF_8).startsWith("sealed-for-"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM vms WHERE name = 'blockhost-001' AND state = 'active' AND token_id = 1"));
        assertEquals(5, h.count("SELECT COUNT(*) FROM audit_log WHERE subject = 'subscription 1' AND actor = 'pipeline'"));
    }

    /** An engine whose owners log in with another address (OPNet: Taproot): that address goes into the guest, never a guess. */
    @Test
    void theEnginesLoginWalletGoesIntoTheGuest() {
        String taproot = "bcrt1phnp43fdhgw0j796dfgh2lx80sk6xvdmge0tfflzm69wgf99a22aqmhu3sn";
        engine.logins.put(Harness.BUYER, taproot);
        engine.loginUnknown.set(2);
        java.util.Map<String, String> specs = new java.util.concurrent.ConcurrentHashMap<>();
        FakeProvisioner recording = new FakeProvisioner() {
            @Override
            public VmInfo create(VmSpec spec) throws ProvisionerException {
                specs.put(spec.name(), spec.ownerWallet());
                return super.create(spec);
            }
        };
        harness().bindAll(engine, recording, sealer).start(Harness.fast(1, 3), (id, from, to) -> { });
        h.commit(List.of(Harness.created(3, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(3).equals("active"));
        assertEquals(taproot, specs.get("blockhost-003"), "the VM is created for the login wallet once the engine knows it");
        assertEquals("wallet=" + taproot + ",nft=1", recording.gecos.get("blockhost-003"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM vms WHERE name = 'blockhost-003' AND owner = ?", Harness.BUYER),
                "the store keeps the chain's owner (compared with ownerOf)");
        assertEquals(1, recording.creates.get());
    }

    /** Port-forward mode: core allocates the public port, the provisioner reports it, the NFT holds publicHost:port and the VM's IPv6. */
    @Test
    void publicPortFromCoresAllocationsReachesTheNft() {
        FakeProvisioner forwarding = new FakeProvisioner() {
            @Override
            public VmInfo create(VmSpec spec) throws ProvisionerException {
                super.create(spec);
                return new VmInfo(spec.name(), VmStatus.ACTIVE, "", spec.network().publicPort().orElseThrow(), "2001:db8::7");
            }
        };
        harness().bindAll(engine, forwarding, sealer).start(Harness.fast(4, 3), (id, from, to) -> { });
        h.commit(List.of(Harness.created(7, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(7).equals("active"));
        assertEquals("{\"v\":1,\"vm\":\"blockhost-007\",\"host\":\"host.example\",\"port\":22007,\"user\":\"user\","
                + "\"ipv6\":\"2001:db8::7\"}", sealer.lastPlaintext.values().iterator().next(), "the VM's own IPv6 address reaches the NFT");
        assertEquals(1, h.count("SELECT COUNT(*) FROM allocations WHERE kind = 'ssh_forward' AND value = '22007'"
                + " AND vm_name = 'blockhost-007'"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM allocations WHERE kind = 'ipv6' AND value = '2001:db8::7'"
                + " AND vm_name = 'blockhost-007'"), "the VM's IPv6 address is recorded for the NFT");
    }

    @Test
    void detailsAreSealedOnceTheGuestBootedWithItsHostKey() {
        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDjh2bcfB5jVSRTK36sw2PJ/Nrba4NKc/mGf95Y2M7Ht";
        provisioner.readiness.put("blockhost-004", GuestReadiness.NOT_READY);
        harness().bindAll(engine, provisioner, sealer).start(Harness.fast(1, 3), (id, from, to) -> { });
        h.commit(List.of(Harness.created(4, 1, 10)), 10);
        Harness.await(WAIT, () -> h.count("SELECT COUNT(*) FROM pipeline WHERE subscription_id = 4"
                + " AND last_error LIKE 'waiting for the guest''s first boot%'") == 1);
        assertEquals("vm_created", h.stage(4), "nothing is sealed before the first boot finished");
        assertTrue(sealer.lastPlaintext.isEmpty());
        assertEquals(0, h.count("SELECT attempts FROM pipeline WHERE subscription_id = 4"), "booting spends no retry budget");
        provisioner.readiness.put("blockhost-004", GuestReadiness.ready(key));
        Harness.await(WAIT, () -> h.stage(4).equals("active"));
        assertEquals("{\"v\":1,\"vm\":\"blockhost-004\",\"host\":\"10.0.0.1\",\"port\":22,\"user\":\"user\",\"hostKey\":\""
                + key + "\"}", sealer.lastPlaintext.values().iterator().next());
        assertEquals(1, h.count("SELECT COUNT(*) FROM vms WHERE name = 'blockhost-004' AND ready_at IS NOT NULL AND host_key = ?", key));
        assertEquals(1, h.count("SELECT COUNT(*) FROM audit_log WHERE subject = 'blockhost-004' AND action = 'ready'"));
    }

    /**
     * Cold path: a booting guest is asked again every second, so the end of its first boot is seen within
     * about a second (it was 3 s: 1.5 s lost on average per cold purchase).
     */
    @Test
    void aBootingGuestIsAskedAgainEverySecond() {
        List<Long> probes = new java.util.concurrent.CopyOnWriteArrayList<>();
        FakeProvisioner timed = new FakeProvisioner() {
            @Override
            public GuestReadiness readiness(String name) throws ProvisionerException {
                probes.add(System.nanoTime());
                return super.readiness(name);
            }
        };
        timed.readiness.put("blockhost-012", GuestReadiness.NOT_READY);
        harness().bindAll(engine, timed, sealer).start(Harness.fast(1, 3), (id, from, to) -> { });
        h.commit(List.of(Harness.created(12, 1, 10)), 10);
        Harness.await(WAIT, () -> probes.size() >= 4);
        for (int i = 1; i < 4; i++) {
            long gapMs = (probes.get(i) - probes.get(i - 1)) / 1_000_000;
            assertTrue(gapMs >= 900 && gapMs <= 1_600, "readiness probe " + i + " came " + gapMs + " ms after the one before");
        }
        timed.readiness.put("blockhost-012", GuestReadiness.ready(""));
        Harness.await(WAIT, () -> h.stage(12).equals("active"));
    }

    @Test
    void localhostDetailsAreNeverSealedOutsideDevMode() {
        FakeProvisioner noAddress = new FakeProvisioner() {
            @Override
            public VmInfo create(VmSpec spec) throws ProvisionerException {
                super.create(spec);
                return new VmInfo(spec.name(), VmStatus.ACTIVE, "", 22);
            }
        };
        PipelineSettings production = new PipelineSettings(1, 3, Duration.ofMillis(5), Duration.ofMillis(20),
                Duration.ofSeconds(5), Duration.ofMillis(20), "debian-12", "user", "localhost", false);
        harness().bindAll(engine, noAddress, sealer).start(production, (id, from, to) -> { });
        h.commit(List.of(Harness.created(5, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(5).equals("vm_created parked"));
        assertTrue(h.parkedReason(5).contains("would name localhost, which no buyer can reach"), h.parkedReason(5));
        assertTrue(sealer.lastPlaintext.isEmpty(), "nothing sealed");
        assertEquals(0, engine.mintCalls.get(), "nothing minted");
    }

    @Test
    void eachFailingStageIsRetriedWithBackoff() {
        provisioner.failNext("create", new ProvisionerException("busy", true));
        provisioner.failNext("setOwner", new ProvisionerException("agent not up", true));
        engine.mintFailures.add(new ChainUnavailableException("rpc down"));
        harness().bindAll(engine, provisioner, sealer).start(Harness.fast(1, 3), (id, from, to) -> { });
        h.commit(List.of(Harness.created(2, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(2).equals("active"));
        assertEquals(2, engine.mintCalls.get());
        assertEquals(1, provisioner.creates.get());
        assertTrue(h.status.failures.isEmpty(), "checked failures do not mark the plugin failed");
    }

    @Test
    void retryBudgetSpentParksWithReasonAndOperatorRetryResumes() {
        for (int i = 0; i < 3; i++) {
            engine.mintFailures.add(new IllegalStateException("mint bug " + i));
        }
        harness().bindAll(engine, provisioner, sealer).start(Harness.fast(2, 3), (id, from, to) -> { });
        h.commit(List.of(Harness.created(3, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(3).equals("credentials_encrypted parked"));
        assertTrue(h.parkedReason(3).startsWith("retry budget of 3 spent"), h.parkedReason(3));
        assertEquals(1, h.store.entries(true).size());
        assertTrue(h.store.retry(3, "operator", System.currentTimeMillis()));
        h.pipeline.wakeUp();
        Harness.await(WAIT, () -> h.stage(3).equals("active"));
        assertFalse(h.store.retry(3, "operator", System.currentTimeMillis()), "only parked subscriptions are retried");
    }

    @Test
    void nonRetryableProvisionerFailureParksAtOnce() {
        provisioner.failNext("create", new ProvisionerException("capacity exhausted", false));
        harness().bindAll(engine, provisioner, sealer).start(Harness.fast(1, 5), (id, from, to) -> { });
        h.commit(List.of(Harness.created(4, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(4).equals("received parked"));
        assertTrue(h.parkedReason(4).contains("capacity exhausted"));
    }

    @Test
    void unknownPlanParksWithClearReason() {
        harness().bindAll(engine, provisioner, sealer).start(Harness.fast(1, 5), (id, from, to) -> { });
        h.commit(List.of(Harness.created(5, 99, 10)), 10);
        Harness.await(WAIT, () -> h.stage(5).equals("received parked"));
        assertEquals("unknown plan 99: add it to org.blockhost.core.plans", h.parkedReason(5));
        assertEquals(0, provisioner.creates.get());
        h.plans = PlanCatalog.parse(new String[] {"99:1:512:5"});
        h.store.retry(5, "operator", System.currentTimeMillis());
        h.pipeline.wakeUp();
        Harness.await(WAIT, () -> h.stage(5).equals("active"));
    }

    @Test
    void uncheckedPluginExceptionIsReportedAndRetried() {
        provisioner.failNext("create", new IllegalStateException("bug in plugin"));
        harness().bindAll(engine, provisioner, sealer).start(Harness.fast(1, 3), (id, from, to) -> { });
        h.commit(List.of(Harness.created(6, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(6).equals("active"));
        assertEquals(1, h.status.failures.size());
        assertTrue(h.status.failures.get(0).startsWith("12 provisioner fake create blockhost-006"), h.status.failures.get(0));
    }

    @Test
    void hangingPluginCallTimesOutAndIsRetried() {
        provisioner.latencyMillis = 2000;
        harness().bindAll(engine, provisioner, sealer).start(Harness.fast(1, 2), (id, from, to) -> { });
        h.commit(List.of(Harness.created(7, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(7).equals("received parked"));
        assertTrue(h.parkedReason(7).contains("timed out after 1000 ms"), h.parkedReason(7));
    }

    @Test
    void waitsWithoutPluginsAndContinuesWhenTheyAppear() throws Exception {
        harness().bindAll(null, null, null).start(Harness.fast(2, 2), (id, from, to) -> { });
        h.commit(List.of(Harness.created(8, 1, 10)), 10);
        Thread.sleep(300);
        assertEquals("received", h.stage(8));
        assertEquals(0, h.count("SELECT attempts FROM pipeline WHERE subscription_id = 8"));
        h.bindAll(null, provisioner, null);
        Harness.await(WAIT, () -> h.stage(8).equals("vm_created"));
        h.bindAll(engine, null, sealer);
        Harness.await(WAIT, () -> h.stage(8).equals("active"));
    }

    @Test
    void restartResumesAtTheStageReached() {
        harness().bindAll(null, provisioner, null).start(Harness.fast(1, 2), (id, from, to) -> { });
        h.commit(List.of(Harness.created(9, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(9).equals("vm_created"));
        h.close();
        h = new Harness(dir, Duration.ofSeconds(1));
        h.bindAll(engine, provisioner, sealer).start(Harness.fast(1, 2), (id, from, to) -> { });
        Harness.await(WAIT, () -> h.stage(9).equals("active"));
        assertEquals(1, provisioner.creates.get());
        assertEquals(List.of("create blockhost-009", "readiness blockhost-009", "setOwner blockhost-009"),
                List.copyOf(provisioner.calls), "sealing asks whether the guest booted");
    }

    @Test
    void offCurveAccessKeyParksBeforeAnyVmIsCreated() throws Exception {
        harness().bindAll(engine, provisioner, sealer).start(Harness.fast(1, 3), (id, from, to) -> { });
        h.commit(List.of(new org.blockhost.engine.api.ChainEvent.SubscriptionCreated(10, 1, Harness.BUYER,
                java.time.Instant.parse("2030-01-01T00:00:00Z"), Harness.OFF_CURVE_KEY, Harness.origin(10, 0))), 10);
        Harness.await(WAIT, () -> h.stage(10).equals("received parked"));
        assertTrue(h.parkedReason(10).contains("not a valid compressed secp256k1 point"), h.parkedReason(10));
        Thread.sleep(200);
        assertEquals(0, provisioner.calls.size(), "the provisioner was never asked to create a VM");
        assertEquals(0, h.count("SELECT COUNT(*) FROM vms"));
        assertTrue(h.status.failures.isEmpty());
    }

    @Test
    void anOutageOfThirtyMinutesSpendsNoRetryBudget() throws Exception {
        engine.mintDown = true;
        org.blockhost.core.internal.testing.MutableClock clock =
                new org.blockhost.core.internal.testing.MutableClock(java.time.Instant.now().plusSeconds(1));
        PipelineSettings s = new PipelineSettings(1, 3, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(5),
                Duration.ofMillis(10), "debian-12", "user", "host.example");
        harness().bindAll(engine, provisioner, sealer).start(s, (id, from, to) -> { }, clock);
        h.commit(List.of(Harness.created(11, 1, 10)), 10);
        Harness.await(WAIT, () -> engine.mintCalls.get() >= 1);
        for (int i = 0; i < 180; i++) {
            clock.advance(Duration.ofSeconds(10));
            Thread.sleep(15);
        }
        assertEquals("credentials_encrypted", h.stage(11), "30 simulated minutes of RPC outage: waiting, not parked");
        assertTrue(engine.mintCalls.get() > 3, "retried past the budget of 3: " + engine.mintCalls.get());
        assertEquals(0, h.count("SELECT attempts FROM pipeline WHERE subscription_id = 11"));
        engine.mintDown = false;
        clock.advance(Duration.ofMinutes(6));
        Harness.await(WAIT, () -> h.stage(11).equals("active"));
    }

    @Test
    void aMintTheContractRejectsParksAtOnceWithTheReasonWhileAnOutageDoesNot() throws Exception {
        engine.mintFailures.add(new ChainUnavailableException("rpc down"));
        engine.mintFailures.add(new org.blockhost.engine.api.ChainRejectedException("mint for subscription 13 rejected",
                "NotSubscriber"));
        harness().bindAll(engine, provisioner, sealer).start(Harness.fast(1, 8), (id, from, to) -> { });
        h.commit(List.of(Harness.created(13, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(13).equals("credentials_encrypted parked"));
        assertEquals(2, engine.mintCalls.get(), "the outage was retried, the rejection was not");
        assertTrue(h.parkedReason(13).contains("NotSubscriber"), h.parkedReason(13));
        assertTrue(h.parkedReason(13).contains("rejected by the chain"), h.parkedReason(13));
        assertTrue(h.status.failures.isEmpty(), "a rejection is not a plugin failure");
        Thread.sleep(300);
        assertEquals(2, engine.mintCalls.get(), "parked: no more mints");
    }

    @Test
    void aStoreThatCannotWriteBacksOffInsteadOfRepeatingThePluginCall() throws Exception {
        org.blockhost.core.internal.testing.MutableClock clock =
                new org.blockhost.core.internal.testing.MutableClock(java.time.Instant.now().plusSeconds(1));
        harness().bindAll(engine, provisioner, sealer);
        PipelineStore full = new PipelineStore(h.db) {
            @Override
            boolean advance(Job job, Outcome outcome, long now) {
                throw new org.blockhost.core.internal.store.StoreException("write failed: disk full", null);
            }

            @Override
            void fail(Job job, String reason, boolean park, long nextAt, long now, boolean outage) {
                throw new org.blockhost.core.internal.store.StoreException("write failed: disk full", null);
            }
        };
        h.commit(List.of(Harness.created(12, 1, 10)), 10);
        h.pipeline = Pipeline.start(full, h.plugins, h.fence, () -> h.plans, () -> "", () -> Harness.fast(1, 3), clock,
                new java.util.Random(7)::nextDouble, h.metrics, (id, from, to) -> { });
        Thread.sleep(1000);
        assertEquals(1, provisioner.calls.size(), "one create, then the job waits: " + provisioner.calls.size());
        for (int i = 0; i < 60; i++) {
            clock.advance(Duration.ofSeconds(1));
            Thread.sleep(15);
        }
        assertTrue(provisioner.calls.size() <= 10, "at most 10 plugin calls in a simulated minute: " + provisioner.calls.size());
        assertEquals("received", h.stage(12));
    }

    @Test
    void boundedConcurrency() {
        provisioner.latencyMillis = 30;
        java.util.concurrent.atomic.AtomicInteger max = new java.util.concurrent.atomic.AtomicInteger();
        harness().bindAll(engine, provisioner, sealer).start(Harness.fast(3, 2), (id, from, to) -> max.accumulateAndGet(
                h.pipeline.inFlight(), Math::max));
        List<org.blockhost.engine.api.ChainEvent> events = new java.util.ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            events.add(Harness.created(100 + i, 1, 10));
        }
        h.commit(events, 10);
        Harness.await(WAIT, () -> h.count("SELECT COUNT(*) FROM pipeline WHERE stage = 'active'") == 20);
        assertTrue(max.get() <= 3 && max.get() >= 2, "in flight " + max.get());
    }
}
