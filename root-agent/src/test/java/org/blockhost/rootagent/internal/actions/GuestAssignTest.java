package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.blockhost.provisioner.api.GuestReadiness;
import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.osgi.InProcessAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vm-assign (warm pool): the exact guest argument vectors (host name, pam_web3's machine line, fresh
 * SSH host keys, sshd restart), the host-name check, and on the test driver's model guest a new host
 * key answered and reported by vm-guest-ready afterwards.
 */
class GuestAssignTest {
    static final List<List<String>> PLAN_042 = List.of(
            List.of("/usr/bin/tee", "/etc/hostname"),
            List.of("/usr/bin/hostname", "blockhost-042"),
            List.of("/usr/bin/tee", "/etc/hosts"),
            List.of("/usr/bin/tee", "/etc/cloud/cloud.cfg.d/90-blockhost-assigned.cfg"),
            List.of("/usr/bin/sed", "-i", "-e", "s/^machine = .*$/machine = blockhost-042/", "/etc/pam_web3.conf"),
            List.of("/usr/bin/rm", "-f", "/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_rsa_key.pub",
                    "/etc/ssh/ssh_host_ecdsa_key", "/etc/ssh/ssh_host_ecdsa_key.pub",
                    "/etc/ssh/ssh_host_ed25519_key", "/etc/ssh/ssh_host_ed25519_key.pub"),
            List.of("/usr/bin/ssh-keygen", "-A"),
            List.of("/usr/bin/systemctl", "restart", "ssh"));
    @TempDir
    Path dir;

    @Test
    void thePlanIsFixedArgvWithTheHostNameAsOneToken() {
        List<GuestExec.Command> plan = GuestAssign.plan("blockhost-042");
        assertEquals(PLAN_042, GuestOwnerTest.argv(plan));
        assertEquals("blockhost-042\n", plan.get(0).input());
        assertTrue(plan.get(2).input().contains("127.0.1.1\tblockhost-042\n"), plan.get(2).input());
        assertEquals("preserve_hostname: true\n", plan.get(3).input());
        assertEquals(Set.of(0, 2), plan.get(4).okExits(), "sed exit 2: no pam_web3.conf (no login settings)");
        assertEquals(60, plan.get(6).timeoutS(), "ssh-keygen under TCG");
    }

    @Test
    void onTheTestDriverTheGuestGetsANewHostKey() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libvirt.so.0")), "libvirt0 not installed");
        AgentConfig cfg = AgentConfig.dev(dir, "daemon", "test:///default", null);
        Path td = Files.createDirectories(cfg.vmDir()).resolve(".testdriver");
        try (InProcessAgent agent = new InProcessAgent(cfg)) {
            agent.call("vm-define", Map.of("name", "blockhost-900000001", "vcpus", 1, "memory_mib", 128, "virt_type", "qemu"));
            Map<String, Object> assign = Map.of("name", "blockhost-900000001", "hostname", "blockhost-042");
            RootAgentException off = assertThrows(RootAgentException.class, () -> agent.call("vm-assign", assign));
            assertEquals(RootAgentException.Kind.FAILED, off.kind(), "guest agent: not running");
            agent.call("vm-start", Map.of("name", "blockhost-900000001"));
            Object before = agent.call("vm-guest-ready", Map.of("name", "blockhost-900000001")).get("host_key");

            Map<String, Object> r = agent.call("vm-assign", assign);
            Object key = r.get("host_key");
            assertTrue(GuestReadiness.isHostKey(key.toString()), key.toString());
            assertNotEquals(before, key, "fresh host keys");
            assertEquals(key, agent.call("vm-guest-ready", Map.of("name", "blockhost-900000001")).get("host_key"));
            List<List<String>> told = GuestOwnerTest.recorded(td.resolve("blockhost-900000001.guest"));
            List<List<String>> expected = new ArrayList<>(PLAN_042);
            expected.add(List.of("/usr/bin/cat", "/etc/ssh/ssh_host_ed25519_key.pub"));
            assertEquals(expected, told.subList(2, 11), "after vm-guest-ready's test and cat");
            assertNotEquals(key, agent.call("vm-assign", assign).get("host_key"), "a repeat makes new keys again");
            agent.call("vm-undefine", Map.of("name", "blockhost-900000001"));
        }
    }

    @Test
    void aHostNameOutsideThePatternIsRefused() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libvirt.so.0")), "libvirt0 not installed");
        AgentConfig cfg = AgentConfig.dev(dir, "daemon", "test:///default", null);
        Files.createDirectories(cfg.vmDir());
        try (InProcessAgent agent = new InProcessAgent(cfg)) {
            for (String bad : List.of("Blockhost-1", "a/b", "x;reboot", "-x", "a b", "", "a".repeat(64))) {
                RootAgentException e = assertThrows(RootAgentException.class,
                        () -> agent.call("vm-assign", Map.of("name", "blockhost-001", "hostname", bad)), bad);
                assertEquals(RootAgentException.Kind.REJECTED, e.kind(), bad);
            }
        }
    }
}
