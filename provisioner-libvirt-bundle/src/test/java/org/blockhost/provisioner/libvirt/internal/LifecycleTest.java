package org.blockhost.provisioner.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.blockhost.provisioner.api.Capacity;
import org.blockhost.provisioner.api.ExpiryNotice;
import org.blockhost.provisioner.api.GuestReadiness;
import org.blockhost.provisioner.api.NetworkAllocation;
import org.blockhost.provisioner.api.OwnerBinding;
import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmMetrics;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.api.VmStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provisioner against libvirt's test driver through the root agent's in-process executor (dev mode). */
class LifecycleTest {
    static final String WALLET = "0x52908400098527886E0F7030069857D2E4169EE7";
    @TempDir
    static Path dir;
    static DevHarness harness;
    static LibvirtProvisioner provisioner;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(DevHarness.libvirtInstalled(), "libvirt0 not installed");
        harness = new DevHarness(dir, "test:///default");
        provisioner = new LibvirtProvisioner(harness, harness.settings("test:///default", "192.0.2.0/24", 0));
        Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2",
                harness.templateDir().resolve("debian.qcow2").toString(), "1G").inheritIO().start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "qemu-img create");
    }

    @AfterAll
    static void tearDown() {
        if (provisioner != null) {
            provisioner.close();
            harness.close();
        }
    }

    static VmSpec spec(String name, PlanResources r) {
        return new VmSpec(name, WALLET, r, "debian", "admin", name, NetworkAllocation.dynamic());
    }

    @Test
    void fullLifecycle() throws Exception {
        harness.actions.clear();
        VmInfo info = provisioner.create(spec("blockhost-101", new PlanResources(1, 256, 2)));
        assertEquals(List.of("disk-create", "seed-create", "vm-define", "vm-isolate", "vm-start"), harness.actions,
                "a pool address is known, so the VM is isolated");
        assertEquals(true, harness.calls.stream().filter(c -> c.getKey().equals("seed-create")).findFirst().orElseThrow()
                .getValue().get("sudo"), "the guest user gets passwordless sudo by default");
        assertEquals(VmStatus.ACTIVE, info.status());
        assertEquals(22, info.sshPort());
        assertTrue(info.address().startsWith("192.0.2."), info.address());
        assertTrue(Files.exists(harness.vmDir().resolve("blockhost-101.qcow2")));
        assertTrue(Files.exists(harness.vmDir().resolve("blockhost-101-seed.iso")));
        assertTrue(provisioner.list().contains(info), "listed with the same address");

        assertEquals(info, provisioner.create(spec("blockhost-101", new PlanResources(1, 256, 2))), "idempotent");

        provisioner.suspend("blockhost-101");
        assertEquals(VmStatus.SUSPENDED, provisioner.status("blockhost-101"));
        provisioner.suspend("blockhost-101");
        provisioner.resume("blockhost-101");
        assertEquals(VmStatus.ACTIVE, provisioner.status("blockhost-101"));
        provisioner.kill("blockhost-101");
        assertEquals(VmStatus.SHUT_OFF, provisioner.status("blockhost-101"));
        provisioner.kill("blockhost-101");
        provisioner.stop("blockhost-101");
        provisioner.start("blockhost-101");
        provisioner.start("blockhost-101");
        assertEquals(VmStatus.ACTIVE, provisioner.status("blockhost-101"));
        provisioner.stop("blockhost-101");
        assertEquals(VmStatus.SHUT_OFF, provisioner.status("blockhost-101"));

        provisioner.destroy("blockhost-101");
        assertEquals(VmStatus.DESTROYED, provisioner.status("blockhost-101"));
        assertFalse(Files.exists(harness.vmDir().resolve("blockhost-101.qcow2")), "overlay removed");
        assertFalse(Files.exists(harness.vmDir().resolve("blockhost-101-seed.iso")), "seed removed");
        provisioner.destroy("blockhost-101");
        assertTrue(provisioner.list().stream().noneMatch(v -> v.name().equals("blockhost-101")));
    }

    @Test
    void poolAddressesAreDistinctAndFollowTheMac() throws Exception {
        VmInfo a = provisioner.create(spec("blockhost-201", new PlanResources(1, 128, 1)));
        VmInfo b = provisioner.create(spec("blockhost-202", new PlanResources(1, 128, 1)));
        try {
            assertFalse(a.address().equals(b.address()));
            assertTrue(provisioner.list().containsAll(List.of(a, b)));
        } finally {
            provisioner.destroy("blockhost-201");
            provisioner.destroy("blockhost-202");
        }
    }

    @Test
    void metricsComeFromLibvirt() throws Exception {
        provisioner.create(spec("blockhost-301", new PlanResources(1, 128, 1)));
        try {
            VmMetrics m = provisioner.metrics("blockhost-301");
            assertTrue(m.cpuTimeNanos() >= 0, m.toString());
            assertTrue(m.memoryUsedBytes() > 0, m.toString());
        } finally {
            provisioner.destroy("blockhost-301");
        }
        ProvisionerException e = assertThrows(ProvisionerException.class, () -> provisioner.metrics("blockhost-301"));
        assertFalse(e.retryable());
    }

    @Test
    void capacityCountsDomainsAndRefusesOversizedPlans() throws Exception {
        Capacity before = provisioner.capacity();
        assertTrue(before.totalVcpus() > 0 && before.totalMemoryMib() > 0 && before.totalDiskGib() > 0, before.toString());
        provisioner.create(spec("blockhost-401", new PlanResources(2, 512, 3)));
        try {
            Capacity after = provisioner.capacity();
            assertEquals(before.usedVcpus() + 2, after.usedVcpus());
            assertEquals(before.usedMemoryMib() + 512, after.usedMemoryMib());
            assertEquals(before.usedDiskGib() + 3, after.usedDiskGib());
        } finally {
            provisioner.destroy("blockhost-401");
        }
        long tooMuch = before.totalMemoryMib() - before.usedMemoryMib() + 1;
        harness.actions.clear();
        ProvisionerException e = assertThrows(ProvisionerException.class, () -> provisioner.create(
                spec("blockhost-402", new PlanResources(1, (int) tooMuch, 1))));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("memory"), e.getMessage());
        assertEquals(List.of(), harness.actions, "nothing written");
        assertEquals(VmStatus.DESTROYED, provisioner.status("blockhost-402"));
    }

    @Test
    void refusalsAreNotRetryable() {
        ProvisionerException unknown = assertThrows(ProvisionerException.class, () -> provisioner.start("blockhost-999"));
        assertFalse(unknown.retryable());
        assertThrows(ProvisionerException.class, () -> provisioner.status("../etc"));
        ProvisionerException longName = assertThrows(ProvisionerException.class, () -> provisioner.create(
                spec("blockhost-1234567890", new PlanResources(1, 128, 1))));
        assertFalse(longName.retryable());
        ProvisionerException wallet = assertThrows(ProvisionerException.class, () -> provisioner.create(
                new VmSpec("blockhost-501", "notawallet", new PlanResources(1, 128, 1), "debian", "admin", "m",
                        NetworkAllocation.dynamic())));
        assertFalse(wallet.retryable());
        ProvisionerException template = assertThrows(ProvisionerException.class, () -> provisioner.create(
                new VmSpec("blockhost-502", WALLET, new PlanResources(1, 128, 1), "missing", "admin", "m",
                        NetworkAllocation.dynamic())));
        assertFalse(template.retryable(), template.getMessage());
    }

    @Test
    void setOwnerGoesThroughTheGuestAgentAction() throws Exception {
        provisioner.create(spec("blockhost-601", new PlanResources(1, 128, 1)));
        try {
            harness.actions.clear();
            provisioner.setOwner("blockhost-601", new OwnerBinding(WALLET, 7));
            assertEquals(List.of("vm-set-owner"), harness.actions, "dev mode too: the test driver's guest records it");
            assertEquals("wallet=" + WALLET + ",nft=7\n",
                    Files.readString(harness.vmDir().resolve(".testdriver/blockhost-601.gecos")));
        } finally {
            provisioner.destroy("blockhost-601");
        }
        assertThrows(ProvisionerException.class, () -> provisioner.setOwner("blockhost-601", new OwnerBinding(WALLET, 7)));
    }

    @Test
    void readinessComesFromTheGuestAgentAction() throws Exception {
        provisioner.create(spec("blockhost-602", new PlanResources(1, 128, 1)));
        try {
            harness.actions.clear();
            GuestReadiness ready = provisioner.readiness("blockhost-602");
            assertEquals(List.of("vm-guest-ready"), harness.actions);
            assertTrue(ready.ready(), "the test driver's guest has booted once its domain runs");
            assertTrue(GuestReadiness.isHostKey(ready.hostKey()), ready.hostKey());
            provisioner.kill("blockhost-602");
            assertEquals(GuestReadiness.NOT_READY, provisioner.readiness("blockhost-602"), "powered off");
        } finally {
            provisioner.destroy("blockhost-602");
        }
        assertThrows(ProvisionerException.class, () -> provisioner.readiness("blockhost-602"), "no such VM");
    }

    @Test
    void expiryNoticeGoesThroughTheGuestAgentAction() throws Exception {
        provisioner.create(spec("blockhost-603", new PlanResources(1, 128, 1)));
        Instant end = Instant.parse("2027-01-15T08:00:00Z");
        try {
            harness.actions.clear();
            assertTrue(provisioner.notifyExpiry("blockhost-603",
                    new ExpiryNotice(ExpiryNotice.Kind.BANNER, end, "https://host.example/servers")));
            assertTrue(provisioner.notifyExpiry("blockhost-603",
                    new ExpiryNotice(ExpiryNotice.Kind.WALL, end, "https://host.example/servers")));
            assertEquals(List.of("vm-expiry-notice", "vm-expiry-notice"), harness.actions);
            String told = Files.readString(harness.vmDir().resolve(".testdriver/blockhost-603.stdin"));
            assertTrue(told.contains("ends on 2027-01-15 08:00:00 UTC.\nRenew it at https://host.example/servers before"), told);
            assertTrue(told.contains("BlockHost: this server's subscription ends on 2027-01-15 08:00:00 UTC."), told);
            provisioner.kill("blockhost-603");
            ProvisionerException off = assertThrows(ProvisionerException.class, () -> provisioner.notifyExpiry(
                    "blockhost-603", new ExpiryNotice(ExpiryNotice.Kind.WALL, end, "https://host.example/servers")));
            assertTrue(off.retryable(), "a guest that is off is asked again later: " + off.getMessage());
        } finally {
            provisioner.destroy("blockhost-603");
        }
        assertThrows(ProvisionerException.class, () -> provisioner.notifyExpiry("blockhost-603",
                new ExpiryNotice(ExpiryNotice.Kind.BANNER, end, "https://host.example/servers")), "no such VM");
    }

    @Test
    void loopbackForwardIsReportedAsTheAddress() throws Exception {
        try (LibvirtProvisioner fwd = new LibvirtProvisioner(harness, harness.settings("test:///default", "", 20000))) {
            VmInfo info = fwd.create(spec("blockhost-007", new PlanResources(1, 128, 1)));
            try {
                assertEquals("127.0.0.1", info.address());
                assertEquals(20007, info.sshPort());
                assertTrue(fwd.list().contains(info));
            } finally {
                fwd.destroy("blockhost-007");
            }
        }
    }
}
