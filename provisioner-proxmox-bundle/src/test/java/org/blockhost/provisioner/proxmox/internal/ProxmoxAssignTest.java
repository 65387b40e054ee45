package org.blockhost.provisioner.proxmox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.blockhost.provisioner.api.GuestReadiness;
import org.blockhost.provisioner.api.NetworkAllocation;
import org.blockhost.provisioner.api.OwnerBinding;
import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.api.VmStatus;
import org.blockhost.provisioner.proxmox.internal.sim.SimVm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm-pool assign (provisioner API 1.4) against the PVE double's guest agent and guest. */
class ProxmoxAssignTest {
    static final PlanResources PLAN = new PlanResources(1, 512, 4);
    static final String WALLET = "0x52908400098527886E0F7030069857D2E4169EE7";
    static final String PAM = "host = host.example:8443\nchain_id = 31337\nsigning_url = https://host.example:8443/sign\n";
    @TempDir
    Path dir;
    SimHarness sim;
    ProxmoxProvisioner p;
    int next = 900000001;

    @BeforeEach
    void setUp() throws Exception {
        sim = new SimHarness(dir);
        p = new ProxmoxProvisioner(sim.settings(List.of(), Optional.empty(),
                PamSettings.of("host.example:8443", 31337, "https://host.example:8443/sign")));
    }

    @AfterEach
    void tearDown() {
        assertEquals(List.of(), sim.server.violations());
        sim.close();
    }

    /** A booted owner-less pool VM, as core's pool filler makes it. */
    String poolVm() throws Exception {
        String name = "blockhost-" + next++;
        p.create(new VmSpec(name, "", PLAN, "debian-12", "user", name, NetworkAllocation.dynamic()));
        assertTrue(p.readiness(name).ready());
        return name;
    }

    SimVm vm(String name) {
        return sim.server.cluster.vm(SimHarness.BASE + Integer.parseInt(name.substring("blockhost-".length())));
    }

    static VmSpec buyer(String name, String machine) {
        return new VmSpec(name, WALLET, PLAN, "debian-12", "user", machine, NetworkAllocation.dynamic().withPublicPort(22007));
    }

    static String key(String line) {
        String[] f = line.split(" ");
        return f[0] + " " + f[1];
    }

    @Test
    void assignMakesThePoolVmTheBuyersWithNewHostKeys() throws Exception {
        assertTrue(p.assignsPoolVms());
        String name = poolVm();
        SimVm vm = vm(name);
        String poolKey = p.readiness(name).hostKey();
        assertEquals(key(vm.sshdKey()), poolKey);
        assertEquals(new VmInfo(name, VmStatus.ACTIVE, "", 22), p.assign(buyer(name, "blockhost-007")));
        assertEquals("blockhost-007", vm.hostname());
        assertEquals("blockhost-007\n", vm.files().get("/etc/hostname"));
        assertTrue(vm.files().get("/etc/hosts").contains("127.0.1.1\tblockhost-007\n"), vm.files().get("/etc/hosts"));
        assertEquals("preserve_hostname: true\n", vm.files().get("/etc/cloud/cloud.cfg.d/90-blockhost-assigned.cfg"));
        assertEquals(PAM + "machine = blockhost-007\n", vm.files().get("/etc/pam_web3.conf"));
        assertEquals(name, vm.config().get("name"), "the PVE name stays the pool name core knows the VM by");
        assertEquals("blockhost-007", vm.config().get("tags"));
        GuestReadiness after = p.readiness(name);
        assertTrue(after.ready());
        assertNotEquals(poolKey, after.hostKey());
        assertEquals(key(vm.sshdKey()), after.hostKey(), "sshd restarted and serves the new key");
        assertEquals(1, vm.sshdRestarts());
        p.setOwner(name, new OwnerBinding(WALLET, 7));
        assertEquals("wallet=" + WALLET + ",nft=7", vm.gecos());
        assertEquals(PAM + "machine = blockhost-007\n", vm.files().get("/etc/pam_web3.conf"), "set-owner keeps the machine id");
        p.assign(buyer(name, "blockhost-007"));
        assertNotEquals(after.hostKey(), p.readiness(name).hostKey(), "a repeat makes new keys again");
        assertEquals("blockhost-007", vm.config().get("tags"), "one machine tag");
    }

    @Test
    void aCrashAtAnyStepIsFinishedByTheRetry() throws Exception {
        String name = poolVm();
        SimVm vm = vm(name);
        String before = p.readiness(name).hostKey();
        for (int answered = 0; answered <= 12; answered++) { // 13 agent calls per assign
            String machine = "blockhost-" + (100 + answered);
            vm.agentDownAfter(answered);
            ProvisionerException e = assertThrows(ProvisionerException.class, () -> p.assign(buyer(name, machine)),
                    "interrupted after " + answered + " agent answers");
            assertTrue(e.retryable(), e.getMessage());
            p.assign(buyer(name, machine));
            assertEquals(machine, vm.hostname());
            assertEquals(machine + "\n", vm.files().get("/etc/hostname"));
            assertEquals(PAM + "machine = " + machine + "\n", vm.files().get("/etc/pam_web3.conf"));
            assertEquals(machine, vm.config().get("tags"));
            String now = p.readiness(name).hostKey();
            assertNotEquals(before, now, "after " + answered);
            assertEquals(key(vm.sshdKey()), now, "after " + answered);
            before = now;
        }
    }

    @Test
    void aGuestAgentThatIsNotUpIsRetryable() throws Exception {
        String name = poolVm();
        vm(name).agentDown(2);
        assertEquals(GuestReadiness.NOT_READY, p.readiness(name));
        ProvisionerException e = assertThrows(ProvisionerException.class, () -> p.assign(buyer(name, "blockhost-009")));
        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains("QEMU guest agent is not running"), e.getMessage());
        p.assign(buyer(name, "blockhost-009"));
        assertEquals("blockhost-009", vm(name).hostname());
    }

    @Test
    void badBuyersAndUnassignableVmsAreRefusedWithoutTouchingTheGuest() throws Exception {
        String name = poolVm();
        SimVm vm = vm(name);
        int before = vm.guestCommands().size();
        refused(buyer(name, "host.example"), "machine id");
        refused(new VmSpec(name, "", PLAN, "debian-12", "user", "blockhost-010", NetworkAllocation.dynamic()), "wallet");
        refused(new VmSpec(name, WALLET, PLAN, "debian-12", "user", "blockhost-010",
                new NetworkAllocation(Optional.of("192.0.2.10"), Optional.empty(), Optional.empty())), "addresses");
        refused(buyer("blockhost-900000999", "blockhost-010"), "no VM");
        assertEquals(before, vm.guestCommands().size());
        assertFalse(vm.config().containsKey("tags"));
        assertEquals(name, vm.hostname());
        vm.failNext("/usr/bin/ssh-keygen", 1);
        refused(buyer(name, "blockhost-010"), "ssh-keygen in the guest exited with 1");
        p.kill(name);
        refused(buyer(name, "blockhost-010"), "not running");
    }

    private void refused(VmSpec buyer, String why) {
        ProvisionerException e = assertThrows(ProvisionerException.class, () -> p.assign(buyer));
        assertFalse(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
