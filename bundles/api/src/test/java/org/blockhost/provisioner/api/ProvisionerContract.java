package org.blockhost.provisioner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The provisioner contract every hypervisor backend must keep (libvirt and Proxmox VE run it):
 * idempotent create and destroy, the power states the lifecycle converges on, errors for missing
 * VMs, capacity that counts every VM, and set-owner reaching the guest. A subclass supplies a
 * provisioner on its test backend, VM specs and what the guest was told.
 */
public abstract class ProvisionerContract {
    protected static final String WALLET = "0x52908400098527886E0F7030069857D2E4169EE7";
    protected static final PlanResources SMALL = new PlanResources(1, 128, 1);

    /** The provisioner under test (the same instance across a test). */
    protected abstract Provisioner provisioner();

    /** A spec for a VM that does not exist yet; each call a new name. */
    protected abstract VmSpec newSpec(PlanResources resources);

    /** The GECOS the guest user has now, as the guest sees it. */
    protected abstract Optional<String> guestGecos(String name) throws Exception;

    @Test
    void createIsIdempotentPerName() throws Exception {
        VmSpec spec = newSpec(SMALL);
        VmInfo first = provisioner().create(spec);
        assertEquals(spec.name(), first.name());
        assertEquals(VmStatus.ACTIVE, provisioner().status(spec.name()));
        VmInfo again = provisioner().create(spec);
        assertEquals(first.name(), again.name());
        assertEquals(1, names().stream().filter(spec.name()::equals).count(), "listed once");
        assertEquals(VmStatus.ACTIVE, provisioner().status(spec.name()));
    }

    @Test
    void suspendThenResume() throws Exception {
        String name = provisioner().create(newSpec(SMALL)).name();
        provisioner().suspend(name);
        assertEquals(VmStatus.SUSPENDED, provisioner().status(name));
        provisioner().suspend(name);
        assertEquals(VmStatus.SUSPENDED, provisioner().status(name), "suspend is idempotent");
        provisioner().resume(name);
        assertEquals(VmStatus.ACTIVE, provisioner().status(name));
        provisioner().resume(name);
        assertEquals(VmStatus.ACTIVE, provisioner().status(name), "resume of a running VM is a no-op");
    }

    @Test
    void killKeepsTheVmAndStartBootsIt() throws Exception {
        String name = provisioner().create(newSpec(SMALL)).name();
        provisioner().kill(name);
        assertEquals(VmStatus.SHUT_OFF, provisioner().status(name));
        provisioner().kill(name);
        provisioner().stop(name);
        assertEquals(VmStatus.SHUT_OFF, provisioner().status(name), "stop leaves a VM that is off alone");
        provisioner().suspend(name);
        assertEquals(VmStatus.SHUT_OFF, provisioner().status(name), "suspend leaves a VM that is off alone");
        provisioner().start(name);
        assertEquals(VmStatus.ACTIVE, provisioner().status(name));
    }

    @Test
    void destroyIsIdempotentAndRemovesTheVm() throws Exception {
        String name = provisioner().create(newSpec(SMALL)).name();
        provisioner().destroy(name);
        assertEquals(VmStatus.DESTROYED, provisioner().status(name));
        provisioner().destroy(name);
        assertFalse(names().contains(name));
    }

    @Test
    void destroyOfASuspendedVm() throws Exception {
        String name = provisioner().create(newSpec(SMALL)).name();
        provisioner().suspend(name);
        provisioner().destroy(name);
        assertEquals(VmStatus.DESTROYED, provisioner().status(name));
    }

    @Test
    void writesToAMissingVmAreNotRetryable() throws Exception {
        String name = newSpec(SMALL).name();
        assertEquals(VmStatus.DESTROYED, provisioner().status(name));
        provisioner().destroy(name);
        for (Executable call : List.<Executable>of(() -> provisioner().start(name), () -> provisioner().kill(name),
                () -> provisioner().suspend(name), () -> provisioner().resume(name), () -> provisioner().stop(name),
                () -> provisioner().metrics(name), () -> provisioner().setOwner(name, new OwnerBinding(WALLET, 1)))) {
            ProvisionerException e = assertThrows(ProvisionerException.class, call);
            assertFalse(e.retryable(), e.getMessage());
        }
    }

    @Test
    void invalidNamesAreRefused() {
        for (String bad : new String[] {"evil", "blockhost-1", "../blockhost-001", "blockhost-001;x"}) {
            ProvisionerException e = assertThrows(ProvisionerException.class, () -> provisioner().status(bad), bad);
            assertFalse(e.retryable());
        }
    }

    @Test
    void capacityCountsEveryVmUntilDestroyed() throws Exception {
        PlanResources plan = new PlanResources(2, 256, 1);
        Capacity before = provisioner().capacity();
        String name = provisioner().create(newSpec(plan)).name();
        Capacity running = provisioner().capacity();
        assertEquals(before.usedVcpus() + 2, running.usedVcpus());
        assertEquals(before.usedMemoryMib() + 256, running.usedMemoryMib());
        provisioner().kill(name);
        assertEquals(running.usedMemoryMib(), provisioner().capacity().usedMemoryMib(), "a VM that is off still counts");
        provisioner().destroy(name);
        Capacity after = provisioner().capacity();
        assertEquals(before.usedVcpus(), after.usedVcpus());
        assertEquals(before.usedMemoryMib(), after.usedMemoryMib());
        assertTrue(after.totalMemoryMib() > 0 && after.totalVcpus() > 0);
    }

    @Test
    void setOwnerReachesTheGuest() throws Exception {
        String name = provisioner().create(newSpec(SMALL)).name();
        provisioner().setOwner(name, new OwnerBinding(WALLET, 0));
        provisioner().setOwner(name, new OwnerBinding(WALLET, 7));
        assertEquals(Optional.of("wallet=" + WALLET + ",nft=7"), guestGecos(name));
    }

    /** Whether the test backend shows what a guest was told ({@link #guestExpiryNotice}); false skips the expiry test. */
    protected boolean showsGuestNotices() {
        return false;
    }

    /** What the guest was last told about its expiry: the banner file's text or the last wall message. */
    protected Optional<String> guestExpiryNotice(String name, ExpiryNotice.Kind kind) throws Exception {
        return Optional.empty();
    }

    @Test
    void expiryNoticeReachesTheGuest() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(showsGuestNotices(), "the test backend shows no guest notices");
        String name = provisioner().create(newSpec(SMALL)).name();
        java.time.Instant end = java.time.Instant.parse("2027-01-02T03:04:05Z");
        for (ExpiryNotice.Kind kind : ExpiryNotice.Kind.values()) {
            assertTrue(provisioner().notifyExpiry(name, new ExpiryNotice(kind, end, "https://host.example:8443/buy")), "sent");
            String text = guestExpiryNotice(name, kind).orElseThrow();
            assertTrue(text.contains("2027-01-02 03:04:05 UTC") && text.contains("https://host.example:8443/buy"), text);
        }
        provisioner().kill(name);
        assertThrows(ProvisionerException.class, () -> provisioner().notifyExpiry(name,
                new ExpiryNotice(ExpiryNotice.Kind.WALL, end, "https://host.example/buy")), "a guest that is off");
        provisioner().destroy(name);
        assertThrows(ProvisionerException.class, () -> provisioner().notifyExpiry(name,
                new ExpiryNotice(ExpiryNotice.Kind.BANNER, end, "https://host.example/buy")), "no such VM");
    }

    @Test
    void metricsOfARunningVm() throws Exception {
        String name = provisioner().create(newSpec(SMALL)).name();
        VmMetrics m = provisioner().metrics(name);
        assertTrue(m.memoryUsedBytes() >= -1 && m.diskReadBytes() >= -1 && m.netRxBytes() >= -1);
    }

    private List<String> names() throws ProvisionerException {
        return provisioner().list().stream().map(VmInfo::name).toList();
    }
}
