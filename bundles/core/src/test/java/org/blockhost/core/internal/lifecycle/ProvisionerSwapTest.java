package org.blockhost.core.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.blockhost.core.internal.reconcile.Reconciler;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.core.internal.store.VmStore;
import org.blockhost.core.internal.testing.FakeEngine;
import org.blockhost.core.internal.testing.FakeProvisioner;
import org.blockhost.core.internal.testing.FakeSealer;
import org.blockhost.core.internal.testing.Harness;
import org.blockhost.core.internal.testing.MutableClock;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.SubscriptionRecord;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.ProvisionerId;
import org.blockhost.provisioner.api.VmStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swapping provisioner bundles (libvirt out, Proxmox in) with no restart: the next purchase is made
 * by the new provisioner; a VM the old one made keeps its record, is never handed to the new one
 * (no status, lifecycle, owner, notice or operator call), is reported and never destroyed, and is
 * managed again once its provisioner is back.
 */
class ProvisionerSwapTest {
    private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");
    private static final String OLD_VM = "blockhost-001";
    @TempDir
    Path dir;
    private Harness h;
    private final FakeEngine engine = new FakeEngine();
    private final Named libvirt = new Named("libvirt");
    private final Named proxmox = new Named("proxmox");
    private final MutableClock clock = new MutableClock(EXPIRY.minusSeconds(7 * 86400));
    private Lifecycle lifecycle;

    /** A test-double provisioner with its own id that also records status reads. */
    static final class Named extends FakeProvisioner {
        private final String id;

        Named(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public VmStatus status(String name) throws ProvisionerException {
            calls.add("status " + name);
            return super.status(name);
        }
    }

    @BeforeEach
    void oneVmOnLibvirt() {
        h = new Harness(dir, Duration.ofSeconds(1)).bindAll(engine, null, new FakeSealer());
        bind(libvirt, 12L);
        h.withActiveVm();
        lifecycle = new Lifecycle(h.db, h.plugins, h.fence, clock, Duration.ofDays(3));
    }

    @AfterEach
    void close() {
        h.close();
    }

    private void bind(Named p, long bundle) {
        h.plugins.bindProvisioner(p, Map.of("service.bundleid", bundle, ProvisionerId.PROPERTY, p.id()));
    }

    private void swapTo(Named in, Named out) {
        h.plugins.unbindProvisioner(out);
        bind(in, in == libvirt ? 12L : 14L);
    }

    private List<String> callsFor(Named p, String vm) {
        return p.calls.stream().filter(c -> c.endsWith(" " + vm)).toList();
    }

    private String state(String name) {
        return h.db.read(c -> Sql.one(c, "SELECT state FROM vms WHERE name = ?", r -> r.getString(1), name).orElseThrow());
    }

    @Test
    void theNextPurchaseLandsOnTheNewProvisionerAndTheOldVmIsLeftAloneReportedNeverDestroyed() {
        swapTo(proxmox, libvirt);
        h.commit(List.of(Harness.created(2, 1, 11)), 11);
        Harness.await(Duration.ofSeconds(10), () -> h.stage(2).equals("active"));
        assertEquals(List.of("blockhost-002"), List.copyOf(proxmox.vms.keySet()), "the new purchase is on the new provisioner");
        VmStore vms = new VmStore(h.db);
        assertEquals("libvirt", vms.find(OLD_VM).orElseThrow().provisioner(), "the old VM's record still names libvirt");
        assertEquals("proxmox", vms.find("blockhost-002").orElseThrow().provisioner());
        assertEquals("libvirt", vms.find(OLD_VM).orElseThrow().toMap().get("provisioner"), "shown by vm show / --json");

        new ExpiryNotices(h.db, h.plugins, h.fence, clock, () -> Optional.of("https://host.example/servers")).tick();
        new ReadinessWatch(h.db, h.plugins, h.fence, clock).tick();
        engine.owners.put(engine.tokens.get(1L), "0xNewOwner");
        Reconciler reconciler = new Reconciler(h.db, h.plugins, h.fence, clock);
        reconciler.tick();
        assertEquals(Map.of(OLD_VM, "libvirt"), reconciler.drift().elsewhere(), "reported as made by libvirt");
        assertTrue(reconciler.drift().missing().isEmpty(), "not 'missing on the hypervisor': " + reconciler.drift());
        assertTrue(proxmox.notices.stream().allMatch(n -> n.startsWith("blockhost-002 ")), proxmox.notices.toString());

        OperatorActions ops = new OperatorActions(h.db, lifecycle.actions(), clock);
        engine.head = new ChainHead(45, "h", 40, clock.instant());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ops.suspend(OLD_VM, true, "operator"));
        assertTrue(refused.getMessage().contains("made by provisioner libvirt, which is not active"), refused.getMessage());

        for (Instant t : List.of(EXPIRY.minusSeconds(60), EXPIRY, EXPIRY.plus(Duration.ofDays(4)), EXPIRY.plus(Duration.ofDays(5)))) {
            engine.head = new ChainHead(45, "h", 40, t);
            clock.set(t);
            lifecycle.tick();
            lifecycle.tick();
        }
        assertEquals(List.of(), callsFor(proxmox, OLD_VM), "nothing about the libvirt VM was sent to Proxmox");
        assertEquals("active", state(OLD_VM), "left as it is: not suspended, not marked missing, not destroyed");
        assertEquals(VmStatus.ACTIVE, libvirt.vms.get(OLD_VM));
        assertEquals(0, h.count("SELECT COUNT(*) FROM audit_log WHERE subject = ? AND action IN ('suspended', 'destroyed')", OLD_VM));

        swapTo(libvirt, proxmox);
        engine.chain.put(1L, new SubscriptionRecord(1, Harness.BUYER, 1, EXPIRY, false, 40));
        lifecycle.tick();
        assertEquals("suspended", state(OLD_VM), "libvirt is back: its expired VM is suspended by libvirt");
        assertTrue(libvirt.calls.contains("suspend " + OLD_VM), libvirt.calls.toString());
    }

    @Test
    void aPurchaseWhoseVmTheOldProvisionerMadeWaitsForItInsteadOfGoingToTheNewOne() {
        engine.mintDown = true;
        h.commit(List.of(Harness.created(2, 1, 11)), 11);
        Harness.await(Duration.ofSeconds(10), () -> h.stage(2).equals("credentials_encrypted") && engine.mintCalls.get() > 1);
        assertTrue(libvirt.vms.containsKey("blockhost-002"), "made by libvirt before the swap");
        swapTo(proxmox, libvirt);
        engine.mintDown = false;
        Harness.await(Duration.ofSeconds(10), () -> h.count("SELECT COUNT(*) FROM pipeline WHERE subscription_id = 2"
                + " AND last_error LIKE '%made by provisioner libvirt, which is not active%'") == 1);
        assertEquals("nft_minted", h.stage(2), "waits, not parked, not handed to Proxmox");
        assertEquals(List.of(), callsFor(proxmox, "blockhost-002"));
        assertTrue(proxmox.vms.isEmpty());
    }
}
