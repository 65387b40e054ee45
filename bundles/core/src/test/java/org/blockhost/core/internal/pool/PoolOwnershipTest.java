package org.blockhost.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.blockhost.core.internal.pipeline.PipelineSettings;
import org.blockhost.core.internal.testing.FakeEngine;
import org.blockhost.core.internal.testing.FakeProvisioner;
import org.blockhost.core.internal.testing.FakeSealer;
import org.blockhost.core.internal.testing.Harness;
import org.blockhost.provisioner.api.ProvisionerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose pool VM is whose: pool names never meet subscription names, a pool VM is offered only by
 * the provisioner that made it, and one made from an earlier template build is replaced while unassigned.
 */
class PoolOwnershipTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final PipelineSettings FAST = Harness.fast(4, 3);
    private static final String FIRST = "blockhost-900000001";
    @TempDir
    Path dir;
    private Harness h;
    private final Named libvirt = new Named("libvirt");
    private final Named proxmox = new Named("proxmox");
    private PoolStore pool;
    private PoolFiller filler;

    /** A pool-capable test-double provisioner with its own id. */
    static final class Named extends FakeProvisioner {
        private final String id;

        Named(String id) {
            this.id = id;
            this.pool = true;
        }

        @Override
        public String id() {
            return id;
        }
    }

    @BeforeEach
    void setUp() {
        h = new Harness(dir, Duration.ofSeconds(1)).bindAll(new FakeEngine(), null, new FakeSealer());
        bind(libvirt, 12L);
        pool = new PoolStore(h.db);
        filler = new PoolFiller(pool, h.plugins, h.fence, () -> h.plans, () -> FAST);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private void bind(Named p, long bundle) {
        h.plugins.bindProvisioner(p, Map.of("service.bundleid", bundle, ProvisionerId.PROPERTY, p.id()));
    }

    private static PoolSizes sizes(String... entries) {
        return PoolSizes.parse(entries);
    }

    private String state(String name) {
        return pool.unassigned().stream().filter(v -> v.name().equals(name)).map(PoolStore.PoolVm::state).findFirst()
                .orElse("none");
    }

    /** Subscription 900000001 would be named like the first pool VM: parked with the reason, the pool VM untouched. */
    @Test
    void aSubscriptionInThePoolNameRangeIsParkedAndNeverAdoptsAPoolVm() {
        filler.pass(sizes("2:1"));
        assertEquals("ready", state(FIRST));
        h.start(FAST, (id, from, to) -> { });
        h.commit(List.of(Harness.created(900_000_001L, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(900_000_001L).endsWith("parked"));
        assertTrue(h.parkedReason(900_000_001L).contains("warm pool's name range"), h.parkedReason(900_000_001L));
        assertEquals(0, h.count("SELECT COUNT(*) FROM vms"), "no VM recorded for the subscription");
        assertEquals("ready", state(FIRST), "the pool VM is still the pool's");
        assertEquals(1, libvirt.creates.get(), "no create for the subscription");
        assertEquals(1, h.count("SELECT COUNT(*) FROM pipeline WHERE subscription_id = 900000001"), "the purchase is kept");
    }

    /** A subscription's VM made before the ranges were kept apart: the pool skips its name. */
    @Test
    void thePoolSkipsANameASubscriptionsVmHas() {
        h.db.write(c -> {
            org.blockhost.core.internal.store.Sql.update(c, "INSERT INTO subscriptions (id, engine_id, plan_id, subscriber,"
                    + " access_key, expires_at, expiry_block, received_at) VALUES (900000001, 'fake', 1, '0xabc', '', 0, 0, 0)");
            return org.blockhost.core.internal.store.Sql.update(c, "INSERT INTO vms (name, subscription_id, owner, state,"
                    + " created_at, updated_at) VALUES (?, 900000001, '0xabc', 'active', 0, 0)", FIRST);
        });
        filler.pass(sizes("1:1"));
        assertEquals(List.of("blockhost-900000002"), pool.unassigned().stream().map(PoolStore.PoolVm::name).toList());
        assertFalse(libvirt.vms.containsKey(FIRST), "the pool never created (adopted) the subscription's VM");
    }

    /** After a swap the old provisioner's pool VMs are neither offered to nor destroyed through the new one. */
    @Test
    void poolVmsOfASwappedOutProvisionerWaitForIt() {
        filler.pass(sizes("1:1"));
        assertEquals("libvirt", pool.unassigned().get(0).provisioner());
        h.plugins.unbindProvisioner(libvirt);
        bind(proxmox, 14L);
        h.start(FAST, (id, from, to) -> { });
        h.commit(List.of(Harness.created(1, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(1).equals("active"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM vms WHERE name = 'blockhost-001' AND provisioner = 'proxmox'"),
                "served cold by proxmox");
        assertTrue(proxmox.calls.stream().noneMatch(c -> c.endsWith(FIRST)), "nothing of libvirt's pool VM on proxmox: "
                + proxmox.calls);
        filler.pass(sizes("1:1"));
        assertEquals("ready", state(FIRST), "libvirt's pool VM left alone");
        assertTrue(libvirt.vms.containsKey(FIRST));
        assertEquals(Set.of("blockhost-001", "blockhost-900000002"), proxmox.vms.keySet(), "proxmox fills its own pool");
        assertTrue(proxmox.calls.stream().noneMatch(c -> c.endsWith(FIRST)), proxmox.calls.toString());
        h.plugins.unbindProvisioner(proxmox);
        bind(libvirt, 12L);
        int libvirtCreates = libvirt.creates.get();
        filler.pass(sizes("1:1"));
        assertEquals(libvirtCreates, libvirt.creates.get(), "libvirt's own pool VM counts again: no new one");
        h.commit(List.of(Harness.created(2, 1, 11)), 11);
        Harness.await(WAIT, () -> h.stage(2).equals("active"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM vms WHERE name = ? AND subscription_id = 2", FIRST),
                "libvirt is back: its pool VM is served");
        assertEquals("ready", state("blockhost-900000002"), "proxmox's pool VM is not offered to libvirt");
    }

    /** The consoles' summary: per plan the wanted size, the states, given today, another provisioner's, oldest, template. */
    @Test
    void theSummaryPerPlan() {
        libvirt.templateBuild = "sha-1";
        filler.pass(sizes("1:2", "2:0"));
        h.start(FAST, (id, from, to) -> { });
        h.commit(List.of(Harness.created(1, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(1).equals("active"));
        java.time.Instant now = java.time.Instant.now();
        var plans = PoolSummary.of(h.db, sizes("1:2", "2:0"), "libvirt", now);
        assertEquals(2, plans.size());
        var one = plans.get(0);
        assertEquals(List.of(1L, 2L, 1L, 0L, 0L, 1L, 0L), List.of(one.planId(), (long) one.wanted(), one.ready(), one.filling(),
                one.assigning(), one.assignedToday(), one.elsewhere()));
        assertTrue(one.oldest().isPresent() && !one.oldest().get().isAfter(now));
        assertEquals("debian-12 sha-1", one.template());
        assertEquals(java.util.Optional.empty(), plans.get(1).oldest(), "plan 2 has no pool");
        var swapped = PoolSummary.of(h.db, sizes("1:2"), "proxmox", now).get(0);
        assertEquals(List.of(0L, 1L), List.of(swapped.ready(), swapped.elsewhere()), "libvirt's VM counted as elsewhere");
        assertEquals(0, PoolSummary.of(h.db, sizes("1:2"), "libvirt", now.plus(java.time.Duration.ofDays(1))).get(0)
                .assignedToday(), "given yesterday");
    }

    /** A rebuilt template: unassigned pool VMs of the old build are replaced; an assigned one is never touched. */
    @Test
    void poolVmsOfAnEarlierTemplateBuildAreReplacedWhileUnassigned() {
        libvirt.templateBuild = "sha-1";
        filler.pass(sizes("1:2"));
        assertEquals(List.of("sha-1", "sha-1"), pool.unassigned().stream().map(PoolStore.PoolVm::templateBuild).toList());
        h.start(FAST, (id, from, to) -> { });
        h.commit(List.of(Harness.created(1, 1, 10)), 10);
        Harness.await(WAIT, () -> h.stage(1).equals("active"));
        libvirt.templateBuild = "sha-2";
        filler.pass(sizes("1:2"));
        assertEquals(List.of("blockhost-900000003", "blockhost-900000004"),
                pool.unassigned().stream().map(PoolStore.PoolVm::name).toList());
        assertEquals(List.of("sha-2", "sha-2"), pool.unassigned().stream().map(PoolStore.PoolVm::templateBuild).toList());
        assertFalse(libvirt.vms.containsKey("blockhost-900000002"), "the unassigned VM of the old build is destroyed");
        assertTrue(libvirt.vms.containsKey(FIRST), "the buyer's VM of the old build stays");
        assertFalse(libvirt.calls.contains("destroy " + FIRST));
    }
}
