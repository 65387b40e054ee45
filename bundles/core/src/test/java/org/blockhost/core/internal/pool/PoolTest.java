package org.blockhost.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.blockhost.core.internal.pipeline.PipelineSettings;
import org.blockhost.core.internal.testing.FakeEngine;
import org.blockhost.core.internal.testing.FakeProvisioner;
import org.blockhost.core.internal.testing.FakeSealer;
import org.blockhost.core.internal.testing.Harness;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.provisioner.api.Capacity;
import org.blockhost.provisioner.api.GuestReadiness;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm pool over the test-double provisioner and a real SQLite store. */
class PoolTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final PipelineSettings FAST = Harness.fast(4, 3);
    @TempDir
    Path dir;
    private Harness h;
    private final FakeEngine engine = new FakeEngine();
    private final FakeProvisioner provisioner = new FakeProvisioner();
    private final FakeSealer sealer = new FakeSealer();
    private PoolStore pool;
    private PoolFiller filler;

    private void setUp() {
        provisioner.pool = true;
        h = new Harness(dir, Duration.ofSeconds(1)).bindAll(engine, provisioner, sealer);
        pool = new PoolStore(h.db);
        filler = new PoolFiller(pool, h.plugins, h.fence, () -> h.plans, () -> FAST);
    }

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private static PoolSizes sizes(String... entries) {
        return PoolSizes.parse(entries);
    }

    private long inState(String state) {
        return h.count("SELECT COUNT(*) FROM pool_vms WHERE state = ?", state);
    }

    @Test
    void aPurchaseTakesAReadyPoolVmAndThePoolRefills() {
        setUp();
        filler.pass(sizes("1:2"));
        assertEquals(2, inState("ready"));
        assertEquals(2, provisioner.creates.get());
        String first = pool.inState("ready").get(0).name();
        assertEquals("blockhost-900000001", first);
        h.start(FAST, (id, from, to) -> { });
        h.commit(List.of(Harness.created(1, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(1).equals("active"));
        assertEquals(2, provisioner.creates.get(), "no cold create: the purchase was served from the pool");
        assertEquals("blockhost-001", provisioner.hostNames.get(first), "the guest's host name is the buyer's VM name");
        assertEquals(1, provisioner.hostKeys.get(first), "fresh host keys for the buyer");
        assertEquals("wallet=0xAbC0000000000000000000000000000000000001,nft=1", provisioner.gecos.get(first));
        assertEquals(1, h.count("SELECT COUNT(*) FROM vms WHERE name = ? AND subscription_id = 1 AND state = 'active'", first));
        assertTrue(sealer.lastPlaintext.values().iterator().next().contains("\"vm\":\"" + first + "\""));
        assertTrue(sealer.lastPlaintext.values().iterator().next().contains("\"host\":\"10.0.0.2\""), "the assignment's address");
        assertEquals(1, h.count("SELECT COUNT(*) FROM allocations WHERE kind = 'ssh_forward' AND vm_name = ?", first),
                "the buyer's public port is core's allocation for the VM");
        assertEquals(1, inState("assigned"));
        assertEquals(1, inState("ready"));
        filler.pass(sizes("1:2"));
        assertEquals(2, inState("ready"), "refilled");
        assertEquals(3, provisioner.creates.get());
    }

    @Test
    void aPoolVmIsReadyOnlyOnceItsGuestFinishedItsFirstBoot() {
        setUp();
        provisioner.readiness.put("blockhost-900000001", GuestReadiness.NOT_READY);
        filler.pass(sizes("1:1"));
        assertEquals(1, inState("filling"));
        filler.pass(sizes("1:1"));
        assertEquals(1, inState("filling"), "still booting: not offered, and no second VM");
        assertEquals(1, provisioner.vms.size());
        provisioner.readiness.put("blockhost-900000001", GuestReadiness.ready(
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDjh2bcfB5jVSRTK36sw2PJ/Nrba4NKc/mGf95Y2M7Ht"));
        filler.pass(sizes("1:1"));
        assertEquals(1, inState("ready"));
    }

    @Test
    void anEmptyPoolFallsBackToTheColdPath() {
        setUp();
        filler.pass(sizes("2:1"));
        h.start(FAST, (id, from, to) -> { });
        h.commit(List.of(Harness.created(1, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(1).equals("active"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM vms WHERE name = 'blockhost-001'"), "plan 1 has no pool: cold create");
        assertEquals(1, inState("ready"), "plan 2's pool VM is not given to a plan 1 purchase");
        assertFalse(provisioner.calls.contains("assign blockhost-900000001"));
    }

    @Test
    void noPoolWithoutSizesOrForAProvisionerThatCannotAssign() {
        setUp();
        filler.pass(sizes());
        assertEquals(0, provisioner.creates.get());
        provisioner.pool = false;
        filler.pass(sizes("1:3"));
        assertEquals(0, provisioner.creates.get(), "a provisioner without assign gets no pool");
        assertEquals(0, h.count("SELECT COUNT(*) FROM pool_vms"));
    }

    @Test
    void theRefillStaysWithinCapacityAndNeverWhileAPurchaseWaits() {
        FakeProvisioner small = new FakeProvisioner() {
            @Override
            public Capacity capacity() {
                return new Capacity(2, vms.size(), 4096, vms.size() * 1024L, 100, vms.size() * 10L);
            }
        };
        small.pool = true;
        h = new Harness(dir, Duration.ofSeconds(1)).bindAll(engine, small, sealer);
        pool = new PoolStore(h.db);
        filler = new PoolFiller(pool, h.plugins, h.fence, () -> h.plans, () -> FAST);
        filler.pass(sizes("1:5"));
        assertEquals(2, inState("ready"), "two 1-vCPU VMs fill a 2-vCPU host, no more");
        h.commit(List.of(Harness.created(1, 1, 10)), 10); // waits at received: the pipeline is not started
        pool.remove("blockhost-900000002");
        small.vms.remove("blockhost-900000002");
        filler.pass(sizes("1:5"));
        assertEquals(1, inState("ready"), "no refill while a purchase waits for a VM");
    }

    @Test
    void concurrentClaimsNeverShareAPoolVm() throws Exception {
        setUp();
        filler.pass(sizes("1:3"));
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<PoolStore.PoolVm>>> claims = new ArrayList<>();
        for (long sub = 1; sub <= 16; sub++) {
            long id = sub;
            claims.add(threads.submit(() -> {
                go.await();
                return pool.claim(id, 1, "fake", System.currentTimeMillis());
            }));
        }
        go.countDown();
        Map<String, Long> owner = new ConcurrentHashMap<>();
        int served = 0;
        for (int i = 0; i < claims.size(); i++) {
            Optional<PoolStore.PoolVm> vm = claims.get(i).get(10, TimeUnit.SECONDS);
            if (vm.isPresent()) {
                served++;
                assertEquals(null, owner.put(vm.get().name(), i + 1L), "a pool VM claimed twice: " + vm.get().name());
            }
        }
        threads.shutdownNow();
        assertEquals(3, served);
        String mine = pool.claim(2, 1, "fake", 0).map(PoolStore.PoolVm::name).orElse(null);
        if (owner.containsValue(2L)) {
            assertEquals(owner.entrySet().stream().filter(e -> e.getValue() == 2L).findFirst().get().getKey(), mine,
                    "a repeated claim returns the VM claimed before");
        }
        assertEquals(3, inState("assigning"));
    }

    @Test
    void concurrentPurchasesAreEachServedOnceWarmOrCold() {
        setUp();
        filler.pass(sizes("1:3"));
        provisioner.latencyMillis = 30;
        h.start(FAST, (id, from, to) -> { });
        List<ChainEvent> batch = new ArrayList<>();
        for (long id = 1; id <= 8; id++) {
            batch.add(Harness.created(id, 1, 10));
        }
        h.commit(batch, 10);
        Harness.await(WAIT, () -> h.count("SELECT COUNT(*) FROM pipeline WHERE stage = 'active'") == 8);
        assertEquals(3, h.count("SELECT COUNT(*) FROM vms WHERE name LIKE 'blockhost-9%'"), "every pool VM used once");
        assertEquals(5, h.count("SELECT COUNT(*) FROM vms WHERE name NOT LIKE 'blockhost-9%'"), "the rest cold");
        assertEquals(3, h.count("SELECT COUNT(DISTINCT subscription_id) FROM pool_vms WHERE state = 'assigned'"));
        Set<String> assigned = Set.copyOf(provisioner.hostNames.keySet());
        assertEquals(3, assigned.size());
        assertEquals(3, provisioner.hostNames.values().stream().distinct().count(), "each VM got one buyer's name");
    }

    @Test
    void aVanishedPoolVmIsDroppedAndThePurchaseGoesCold() {
        setUp();
        filler.pass(sizes("1:1"));
        provisioner.vms.remove("blockhost-900000001");
        h.start(FAST, (id, from, to) -> { });
        h.commit(List.of(Harness.created(1, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(1).equals("active"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM vms WHERE name = 'blockhost-001' AND subscription_id = 1"));
        assertEquals(0, h.count("SELECT COUNT(*) FROM pool_vms"), "the broken pool VM is no longer offered");
        assertEquals(1, h.count("SELECT COUNT(*) FROM audit_log WHERE actor = 'pool' AND action = 'discarded'"));
        assertEquals(0, h.count("SELECT COUNT(*) FROM allocations WHERE vm_name = 'blockhost-900000001'"),
                "the public port taken for the dropped VM is free again");
    }

    @Test
    void aFailedAssignmentResumesWithTheSameVm() {
        setUp();
        filler.pass(sizes("1:2"));
        provisioner.failNext("assign", new ProvisionerException("guest agent busy", true));
        h.start(FAST, (id, from, to) -> { });
        h.commit(List.of(Harness.created(1, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(1).equals("active"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM vms WHERE name = 'blockhost-900000001'"));
        assertEquals(1, inState("ready"), "the retry kept its claim instead of taking a second VM");
        assertEquals(2, provisioner.calls.stream().filter(c -> c.equals("assign blockhost-900000001")).count(),
                "the failed assignment and its retry, on the same VM");
        assertFalse(provisioner.calls.contains("assign blockhost-900000002"));
    }

    @Test
    void aClaimWhosePurchaseVanishedReturnsToThePool() {
        setUp();
        filler.pass(sizes("1:1"));
        assertTrue(pool.claim(99, 1, "fake", 0).isPresent());
        assertEquals(1, inState("assigning"));
        filler.pass(sizes("1:1"));
        assertEquals(1, inState("ready"), "no purchase 99 waits for a VM: the claim is released");
        assertEquals(1, provisioner.creates.get(), "and no second VM was made for it");
    }

    @Test
    void aSmallerSizeDestroysTheSurplusAndUnknownPoolVmsAreSwept() {
        setUp();
        filler.pass(sizes("1:3"));
        provisioner.vms.put("blockhost-900000077", VmStatus.ACTIVE); // left by a crash between row delete and destroy
        PoolFiller restarted = new PoolFiller(pool, h.plugins, h.fence, () -> h.plans, () -> FAST);
        restarted.pass(sizes("1:1"));
        assertEquals(1, inState("ready"));
        assertEquals(Set.of("blockhost-900000001"), provisioner.vms.keySet());
    }

    @Test
    void sizesAreCheckedAndBadEntriesNamed() {
        assertEquals(2, sizes("1:2", " 3 : 0 ").of(1));
        assertFalse(sizes("3:0").any());
        for (String bad : List.of("1", "x:1", "1:-1", "1:65", "0:1", "1:2:3")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sizes(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> sizes("1:1", "1:2"));
    }
}
