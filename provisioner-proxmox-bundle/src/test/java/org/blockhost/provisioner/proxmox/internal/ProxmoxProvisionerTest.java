package org.blockhost.provisioner.proxmox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.blockhost.provisioner.api.NetworkAllocation;
import org.blockhost.provisioner.api.OwnerBinding;
import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.TemplateSpec;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.api.VmStatus;
import org.blockhost.provisioner.proxmox.internal.sim.SimVm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Proxmox provisioner asks of PVE, on a fresh two-node double per test. */
class ProxmoxProvisionerTest {
    static final PlanResources PLAN = new PlanResources(2, 1024, 8);
    @TempDir
    Path dir;
    SimHarness sim;
    ProxmoxProvisioner p;

    @BeforeEach
    void setUp() throws Exception {
        sim = new SimHarness(dir);
        p = new ProxmoxProvisioner(sim.settings());
    }

    @AfterEach
    void tearDown() {
        assertEquals(List.of(), sim.server.violations());
        sim.close();
    }

    SimVm vm(int n) {
        return sim.server.cluster.vm(SimHarness.BASE + n);
    }

    @Test
    void createLinkedClonesIntoThePoolWithCloudInitAndThePlan() throws Exception {
        VmSpec spec = new VmSpec("blockhost-042", SimHarness.spec("blockhost-042", PLAN).ownerWallet(), PLAN,
                "debian-12", "user", "m", new NetworkAllocation(Optional.of("192.0.2.42"), Optional.empty(), Optional.empty()));
        p = new ProxmoxProvisioner(sim.settings(List.of(), Optional.of("192.0.2.1")));
        VmInfo info = p.create(spec);
        assertEquals(new VmInfo("blockhost-042", VmStatus.ACTIVE, "192.0.2.42", 22), info);
        SimVm vm = vm(42);
        assertEquals("running", vm.status());
        assertEquals("blockhost-042", vm.config().get("name"));
        assertEquals(2L, vm.config().get("cores"));
        assertEquals("1024", vm.config().get("memory"));
        assertEquals("user", vm.config().get("ciuser"));
        assertEquals("ip=192.0.2.42/24,gw=192.0.2.1", vm.config().get("ipconfig0"));
        assertEquals("virtio,bridge=vmbr0", vm.config().get("net0"));
        assertTrue(String.valueOf(vm.config().get("scsi0")).endsWith("size=8G"), vm.config().toString());
        assertFalse(vm.config().containsKey("cipassword"), "no passwords");
        String clone = sim.server.requests().stream().filter(r -> r.contains("/clone")).findFirst().orElseThrow();
        assertTrue(clone.contains("full=[0]") && clone.contains("pool=[blockhost]") && clone.contains("newid=[100042]"), clone);
        assertEquals(List.of(info), p.list());
    }

    @Test
    void theVmidIsDeterministicAndAForeignVmOnItIsNotTouched() throws Exception {
        p.create(SimHarness.spec("blockhost-007", PLAN));
        assertEquals("blockhost-007", vm(7).config().get("name"));
        sim.server.cluster.template("pve1", SimHarness.BASE + 8, "someone-else", SimHarness.SHA);
        ProvisionerException e = assertThrows(ProvisionerException.class, () -> p.create(SimHarness.spec("blockhost-008", PLAN)));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("VMID 100008 is taken by 'someone-else'"), e.getMessage());
        assertThrows(ProvisionerException.class, () -> p.destroy("blockhost-008"));
        assertEquals("someone-else", vm(8).config().get("name"));
    }

    @Test
    void placementPicksTheLeastLoadedOnlineNode() throws Exception {
        p.create(SimHarness.spec("blockhost-001", PLAN));
        String first = vm(1).node();
        p.create(SimHarness.spec("blockhost-002", PLAN));
        assertFalse(first.equals(vm(2).node()), "the second VM goes to the other node");
        sim.server.cluster.node("pve3", 8, 65536, 500).online = false;
        p.create(SimHarness.spec("blockhost-003", PLAN));
        assertFalse(vm(3).node().equals("pve3"), "an offline node gets nothing");
    }

    @Test
    void aFullClusterIsANonRetryableErrorNamingEachNode() {
        PlanResources huge = new PlanResources(4, 16000, 8);
        ProvisionerException e = assertThrows(ProvisionerException.class, () -> p.create(SimHarness.spec("blockhost-009", huge)));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("pve1 memory 0 MiB used + 16000 > 15360")
                && e.getMessage().contains("pve2 memory 0 MiB used + 16000 > 15360"), e.getMessage());
    }

    @Test
    void aNodeThatGoesDownMakesItsVmsUnknownNotDestroyed() throws Exception {
        p.create(SimHarness.spec("blockhost-010", PLAN));
        String node = vm(10).node();
        sim.server.cluster.online(node, false);
        assertEquals(VmStatus.UNKNOWN, p.status("blockhost-010"));
        ProvisionerException e = assertThrows(ProvisionerException.class, () -> p.suspend("blockhost-010"));
        assertTrue(e.retryable(), e.getMessage());
        assertEquals(VmStatus.UNKNOWN, p.list().get(0).status());
    }

    @Test
    void aFailedCloneIsRetryableWithTheTaskLogAndTheRetryFinishes() throws Exception {
        sim.server.cluster.failNextTask("qmclone", "clone failed: lvcreate error", List.of("lvcreate: volume group full"));
        ProvisionerException e = assertThrows(ProvisionerException.class, () -> p.create(SimHarness.spec("blockhost-011", PLAN)));
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("volume group full"), e.getMessage());
        assertEquals(VmStatus.ACTIVE, p.create(SimHarness.spec("blockhost-011", PLAN)).status());
    }

    @Test
    void aCreateInterruptedAfterTheCloneIsFinishedByTheRetry() throws Exception {
        sim.server.cluster.failNextTask("qmconfig", "unable to apply", List.of("cloud-init drive busy"));
        assertThrows(ProvisionerException.class, () -> p.create(SimHarness.spec("blockhost-012", PLAN)));
        assertEquals("stopped", vm(12).status());
        p.create(SimHarness.spec("blockhost-012", PLAN));
        assertEquals("running", vm(12).status());
        assertEquals("ip=dhcp", vm(12).config().get("ipconfig0"));
        assertEquals(1, sim.server.requests().stream().filter(r -> r.contains("/clone")).count(), "cloned once");
    }

    @Test
    void anExpiredTokenIsANonRetryableErrorSayingSo() throws Exception {
        p.create(SimHarness.spec("blockhost-013", PLAN));
        sim.server.expireToken();
        ProvisionerException e = assertThrows(ProvisionerException.class, () -> p.suspend("blockhost-013"));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("token was refused"), e.getMessage());
        assertEquals(VmStatus.UNKNOWN, p.status("blockhost-013"));
    }

    @Test
    void serverErrorsAreRetryable() throws Exception {
        sim.server.failNext(500, 1);
        ProvisionerException e = assertThrows(ProvisionerException.class, () -> p.capacity());
        assertTrue(e.retryable());
    }

    @Test
    void suspendHibernatesAndSetOwnerOnATransferEvictsThePreviousHolder() throws Exception {
        p.create(SimHarness.spec("blockhost-014", PLAN));
        p.suspend("blockhost-014");
        assertEquals("suspended", vm(14).lock());
        p.resume("blockhost-014");
        p.setOwner("blockhost-014", new OwnerBinding("0xAAAA000000000000000000000000000000000001", 3));
        p.setOwner("blockhost-014", new OwnerBinding("0xBBBB000000000000000000000000000000000002", 3));
        assertEquals("wallet=0xBBBB000000000000000000000000000000000002,nft=3", vm(14).gecos());
        List<List<String>> cmds = vm(14).guestCommands();
        assertTrue(cmds.contains(List.of("/usr/bin/find", "/home/user", "-mindepth", "1", "-delete")), cmds.toString());
        assertTrue(cmds.contains(List.of("/usr/sbin/usermod", "-c", "blockhost-transfer", "user")), cmds.toString());
        int evictions = (int) cmds.stream().filter(c -> c.contains("blockhost-transfer")).count();
        p.setOwner("blockhost-014", new OwnerBinding("0xBBBB000000000000000000000000000000000002", 4));
        assertEquals(evictions, (int) vm(14).guestCommands().stream().filter(c -> c.contains("blockhost-transfer")).count(),
                "the same wallet is not evicted");
    }

    @Test
    void setOwnerWritesThePamSettingsFirst() throws Exception {
        p = new ProxmoxProvisioner(sim.settings(List.of(), Optional.empty(),
                PamSettings.of("host.example:8443", 31337, "https://host.example:8443/sign")));
        p.create(SimHarness.spec("blockhost-015", PLAN));
        p.setOwner("blockhost-015", new OwnerBinding("0xAAAA000000000000000000000000000000000001", 1));
        assertEquals("host = host.example:8443\nchain_id = 31337\nsigning_url = https://host.example:8443/sign\n"
                + "machine = blockhost-015\n", vm(15).files().get("/etc/pam_web3.conf"));
        assertEquals(List.of("/usr/bin/tee", "/etc/pam_web3.conf"), vm(15).guestCommands().get(0));
    }

    @Test
    void templatesAreRecordedByNameWithTheirDigest() throws Exception {
        var t = p.buildTemplate(new TemplateSpec("debian-12", List.of()));
        assertEquals(SimHarness.SHA, t.sha256());
        assertTrue(t.reused());
        ProvisionerException e = assertThrows(ProvisionerException.class, () -> p.buildTemplate(new TemplateSpec("debian-13", List.of())));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("no template image for debian-13"), e.getMessage());
    }

    @Test
    void aTemplateIsImportedOncePerNodeAndThenUsedForClones() throws Exception {
        Path images = Files.createDirectories(dir.resolve("templates"));
        byte[] image = "QFI\u00fb not really a qcow2 image".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(images.resolve("debian-13-0123456789abcdef.qcow2"), image);
        Files.writeString(images.resolve("debian-13.current"), "debian-13-0123456789abcdef.qcow2\n");
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(image));
        var t = p.buildTemplate(new TemplateSpec("debian-13", List.of()));
        assertEquals(sha, t.sha256());
        assertFalse(t.reused());
        for (String node : List.of("pve1", "pve2")) {
            assertEquals(Map.of("debian-13-" + sha.substring(0, 16) + ".qcow2", sha), sim.server.cluster.imports(node));
        }
        assertTrue(p.buildTemplate(new TemplateSpec("debian-13", List.of())).reused(), "the second call reuses it");
        VmSpec spec = new VmSpec("blockhost-016", SimHarness.spec("blockhost-016", PLAN).ownerWallet(), PLAN, "debian-13", "user", "m",
                NetworkAllocation.dynamic());
        assertEquals(VmStatus.ACTIVE, p.create(spec).status());
        assertTrue(String.valueOf(vm(16).config().get("scsi0")).contains("base-"), vm(16).config().toString());
    }
}
