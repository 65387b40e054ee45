package org.blockhost.provisioner.libvirt.internal.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.blockhost.provisioner.api.GuestReadiness;
import org.blockhost.provisioner.api.NetworkAllocation;
import org.blockhost.provisioner.api.OwnerBinding;
import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.libvirt.internal.DevHarness;
import org.blockhost.provisioner.libvirt.internal.LibvirtProvisioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm pool on libvirt (dev mode: the in-process root agent on the test driver, whose model guest
 * records the guest commands): an owner-less pool VM is seeded without a wallet and, in port-forward
 * mode, gets no public port; {@code assign} runs {@code vm-assign} (host name, machine id, new SSH
 * host key, the buyer's GECOS: one guest command) and forwards the buyer's port; failures are not retryable so core takes the cold path.
 */
class PoolAssignTest {
    static final String WALLET = "0x52908400098527886E0F7030069857D2E4169EE7";
    static final String POOL_VM = "blockhost-900000003";
    @TempDir
    Path dir;

    @Test
    void aPoolVmIsSeededWithoutOwnerAndAssignedWithANewHostKey() throws Exception {
        try (DevHarness h = harness();
                LibvirtProvisioner p = new LibvirtProvisioner(h, h.settings("test:///default", "192.0.2.0/24", 0))) {
            assertTrue(p.assignsPoolVms());
            p.create(pool(POOL_VM, NetworkAllocation.dynamic()));
            Map<String, Object> seed = GuestNetworkTest.params(h, "seed-create");
            assertFalse(seed.containsKey("wallet") || seed.containsKey("engine"), seed.toString());
            assertTrue(GuestNetworkTest.isoFile(h.vmDir().resolve(POOL_VM + "-seed.iso"), "/user-data").contains("gecos: \"blockhost-pool\""));
            String before = p.readiness(POOL_VM).hostKey();

            h.calls.clear();
            VmInfo info = p.assign(buyer(POOL_VM, "blockhost-042", NetworkAllocation.dynamic().withPublicPort(22042)));
            assertEquals(List.of("vm-assign"), h.actions.subList(h.actions.size() - 1, h.actions.size()));
            assertEquals(Map.of("name", POOL_VM, "hostname", "blockhost-042", "user", "admin", "engine", "evm", "wallet", WALLET),
                    GuestNetworkTest.params(h, "vm-assign"), "the buyer as owner in the same call");
            assertEquals(POOL_VM, info.name());
            assertEquals("192.0.2.2", info.address(), "pool mode: the VM's own address, no forward");
            Path td = h.vmDir().resolve(".testdriver");
            List<String> told = Files.readAllLines(td.resolve(POOL_VM + ".guest"));
            String assign = told.get(told.size() - 1);
            assertTrue(assign.startsWith("[\"/bin/sh\",\"-c\",\"# vm-assign") && assign.endsWith(
                    "\"vm-assign\",\"blockhost-042\",\"admin\",\"wallet=" + WALLET + ",nft=0\"]"), "one guest command: " + assign);
            assertEquals("wallet=" + WALLET + ",nft=0\n", Files.readString(td.resolve(POOL_VM + ".gecos")),
                    "the buyer can log in before the mint's set-owner");
            h.actions.clear();
            String after = p.readiness(POOL_VM).hostKey();
            assertFalse(h.actions.contains("vm-guest-ready"), "the key vm-assign answered: no second guest round trip");
            assertTrue(GuestReadiness.isHostKey(after), after);
            assertNotEquals(before, after, "fresh SSH host keys: readiness (and so the sealed hostKey) names the new one");
            assertEquals(after, p.readiness(POOL_VM).hostKey(), "then asked from the guest: the same key");
            assertTrue(h.actions.contains("vm-guest-ready"), h.actions.toString());

            p.setOwner(POOL_VM, new OwnerBinding(WALLET, 42));
            assertEquals("wallet=" + WALLET + ",nft=42\n",
                    Files.readString(td.resolve(POOL_VM + ".gecos")), "GECOS owner as for any VM");
            List<String> all = Files.readAllLines(td.resolve(POOL_VM + ".guest"));
            List<String> owner = all.subList(all.size() - 2, all.size());
            assertEquals(List.of("[\"/usr/bin/getent\",\"passwd\",\"admin\"]",
                    "[\"/usr/sbin/usermod\",\"-c\",\"wallet=" + WALLET + ",nft=42\",\"admin\"]"), owner,
                    "set-owner after the mint: the buyer already holds the account");
            assertFalse(all.stream().anyMatch(l -> l.contains("pkill")), "nothing evicted: " + all);
            p.destroy(POOL_VM);
        }
    }

    @Test
    void portForwardModeGivesThePoolVmNoPortUntilItIsAssigned() throws Exception {
        try (DevHarness h = harness();
                LibvirtProvisioner p = new LibvirtProvisioner(h, h.portForwardSettings("test:///default", "192.168.122.0/24"))) {
            VmInfo made = p.create(pool(POOL_VM, NetworkAllocation.dynamic()));
            assertEquals(0, made.sshPort(), "unreachable from outside");
            assertFalse(h.actions.contains("port-forward-add"), h.actions.toString());
            h.calls.clear();
            VmInfo info = p.assign(buyer(POOL_VM, "blockhost-042", NetworkAllocation.dynamic().withPublicPort(22042)));
            assertEquals(Map.of("public_port", 22042, "address", "192.168.122.2", "port", 22), GuestNetworkTest.params(h, "port-forward-add"));
            assertEquals("", info.address(), "the NFT takes core's public host");
            assertEquals(22042, info.sshPort());
            ProvisionerException noPort = assertThrows(ProvisionerException.class,
                    () -> p.assign(buyer(POOL_VM, "blockhost-042", NetworkAllocation.dynamic())));
            assertFalse(noPort.retryable());
            p.destroy(POOL_VM);
            assertEquals(Map.of("address", "192.168.122.2"), GuestNetworkTest.params(h, "port-forward-del"));
        }
    }

    @Test
    void failuresAreNotRetryableSoCoreFallsBackToTheColdPath() throws Exception {
        try (DevHarness h = harness();
                LibvirtProvisioner p = new LibvirtProvisioner(h, h.settings("test:///default", "192.0.2.0/24", 0))) {
            ProvisionerException gone = assertThrows(ProvisionerException.class,
                    () -> p.assign(buyer(POOL_VM, "blockhost-042", NetworkAllocation.dynamic())));
            assertFalse(gone.retryable(), "VM gone: " + gone.getMessage());
            p.create(pool(POOL_VM, NetworkAllocation.dynamic()));
            p.kill(POOL_VM);
            ProvisionerException off = assertThrows(ProvisionerException.class,
                    () -> p.assign(buyer(POOL_VM, "blockhost-042", NetworkAllocation.dynamic())));
            assertFalse(off.retryable(), "the guest agent does not answer: " + off.getMessage());
            ProvisionerException badHost = assertThrows(ProvisionerException.class,
                    () -> p.assign(buyer(POOL_VM, "blockhost_42", NetworkAllocation.dynamic())));
            assertFalse(badHost.retryable());
            ProvisionerException noWallet = assertThrows(ProvisionerException.class,
                    () -> p.assign(new VmSpec(POOL_VM, "", new PlanResources(1, 128, 1), "debian", "admin", "blockhost-042",
                            NetworkAllocation.dynamic())));
            assertFalse(noWallet.retryable());
            p.destroy(POOL_VM);
        }
    }

    private DevHarness harness() throws Exception {
        assumeTrue(DevHarness.libvirtInstalled(), "libvirt0 not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/isoinfo")), "isoinfo (genisoimage) not installed");
        DevHarness h = new DevHarness(dir, "test:///default");
        DevHarness.blankImage(h.templateDir().resolve("debian.qcow2"));
        return h;
    }

    private static VmSpec pool(String name, NetworkAllocation net) {
        return new VmSpec(name, "", new PlanResources(1, 128, 1), "debian", "admin", name, net);
    }

    private static VmSpec buyer(String name, String machineId, NetworkAllocation net) {
        return new VmSpec(name, WALLET, new PlanResources(1, 128, 1), "debian", "admin", machineId, net);
    }
}
