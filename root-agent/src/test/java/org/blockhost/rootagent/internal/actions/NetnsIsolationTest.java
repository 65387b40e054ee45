package org.blockhost.rootagent.internal.actions;

import static org.blockhost.rootagent.internal.actions.TenantNetFixture.CLIENT;
import static org.blockhost.rootagent.internal.actions.TenantNetFixture.GATEWAY;
import static org.blockhost.rootagent.internal.actions.TenantNetFixture.MANAGEMENT;
import static org.blockhost.rootagent.internal.actions.TenantNetFixture.PUBLIC;
import static org.blockhost.rootagent.internal.actions.TenantNetFixture.VM1;
import static org.blockhost.rootagent.internal.actions.TenantNetFixture.VM2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.TestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * vm-isolate/-unisolate against the real kernel ({@link TenantNetFixture}, the daemon in the host
 * namespace): an isolated VM reaches neither the other VM nor the host's management port, cannot
 * use an address it was not given, still reaches the outside and is reached through its forwarded
 * public port; without a binding its port passes nothing; the bindings come back after a reboot.
 */
class NetnsIsolationTest {
    @RegisterExtension
    static final TenantNetFixture NET = new TenantNetFixture("bh-iso-" + ProcessHandle.current().pid());

    static void ok(String action, Map<String, Object> params) throws Exception {
        JsonNode r = NET.call(action, params);
        assertTrue(r.path("ok").asBoolean(), action + " " + r);
    }

    static void isolateBoth() throws Exception {
        ok("vm-isolate", Map.of("name", "blockhost-001", "mac", TenantNetFixture.MAC1, "ipv4_address", VM1));
        ok("vm-isolate", Map.of("name", "blockhost-002", "mac", TenantNetFixture.MAC2, "ipv4_address", VM2));
    }

    @Test
    void anIsolatedVmReachesOnlyTheOutsideAndIsReachedOnlyThroughItsForward() throws Exception {
        for (String family : new String[] {"bridge", "inet"}) {
            TestSupport.run(null, "ip", "netns", "exec", NET.host, "nft", "delete", "table", family, "blockhost_vms");
        }
        assertTrue(NET.sshBanner(NET.vm1, VM2, 22), "without isolation vm1 reaches vm2's sshd");
        assertTrue(NET.connects(NET.vm1, GATEWAY, MANAGEMENT), "and the host's management port");
        isolateBoth();
        assertFalse(NET.sshBanner(NET.vm1, VM2, 22), "vm1 no longer reaches vm2");
        assertFalse(NET.sshBanner(NET.vm2, VM1, 22), "nor vm2 vm1");
        assertFalse(NET.connects(NET.vm1, GATEWAY, MANAGEMENT), "nor the host's management port on the bridge");
        assertFalse(NET.connects(NET.vm1, PUBLIC, MANAGEMENT), "nor on its public address");
        assertTrue(NET.connects(NET.vm1, CLIENT, MANAGEMENT), "the outside is reachable");
        ok("port-forward-add", Map.of("public_port", 22020, "address", VM2, "port", 22));
        assertTrue(NET.sshBanner(NET.client, PUBLIC, 22020), "the forwarded public port reaches vm2's sshd");
        assertTrue(NET.connects(NET.host, GATEWAY, MANAGEMENT), "the host itself is not affected");
        ok("port-forward-del", Map.of("address", VM2));
    }

    @Test
    void aVmCannotUseAnAddressItWasNotGiven() throws Exception {
        isolateBoth();
        NET.in(NET.vm1, "ip", "addr", "add", "10.77.0.12/24", "dev", "eth0");
        try {
            assertTrue(NET.connects(NET.vm1, CLIENT, MANAGEMENT, VM1), "its own address works");
            assertFalse(NET.connects(NET.vm1, CLIENT, MANAGEMENT, "10.77.0.12"), "a spoofed address is dropped");
        } finally {
            NET.in(NET.vm1, "ip", "addr", "del", "10.77.0.12/24", "dev", "eth0");
        }
    }

    @Test
    void withoutItsBindingAVmPassesNothingAndBindingsComeBackAfterAReboot() throws Exception {
        isolateBoth();
        ok("vm-unisolate", Map.of("name", "blockhost-002"));
        assertFalse(NET.connects(NET.vm2, CLIENT, MANAGEMENT), "vm2's port passes nothing");
        ok("vm-unisolate", Map.of("name", "blockhost-002"));
        assertTrue(NET.connects(NET.vm1, CLIENT, MANAGEMENT), "vm1 still works");
        assertTrue(Files.readString(NET.dir.resolve("state/isolation")).contains("blockhost-001 52:54:00:00:00:0a 10.77.0.10 -"));

        NET.stopDaemon();
        NET.in(NET.host, "nft", "delete", "table", "bridge", "blockhost_vms");
        NET.in(NET.host, "nft", "delete", "table", "inet", "blockhost_vms");
        assertTrue(NET.sshBanner(NET.vm1, VM2, 22), "reboot: the kernel forgot the isolation");
        NET.startDaemon();
        assertFalse(NET.sshBanner(NET.vm1, VM2, 22), "restored at start");
        assertTrue(NET.connects(NET.vm1, CLIENT, MANAGEMENT), "vm1's binding restored");
        assertFalse(NET.connects(NET.vm2, CLIENT, MANAGEMENT), "vm2 still has none");
        ok("vm-isolate", Map.of("name", "blockhost-002", "mac", TenantNetFixture.MAC2, "ipv4_address", VM2));
    }

    @Test
    void invalidBindingsAreRejected() throws Exception {
        for (Map<String, Object> p : List.<Map<String, Object>>of(
                Map.of("name", "template-x", "mac", TenantNetFixture.MAC1, "ipv4_address", VM1),
                Map.of("name", "blockhost-001", "mac", TenantNetFixture.MAC1),
                Map.of("name", "blockhost-001", "mac", "02:00:00:00:00:01", "ipv4_address", VM1),
                Map.of("name", "blockhost-001", "mac", TenantNetFixture.MAC1, "ipv4_address", "10.77.0.0/24"),
                Map.of("name", "blockhost-001", "mac", TenantNetFixture.MAC1, "ipv4_address", "fd00::1"),
                Map.of("name", "blockhost-001", "mac", TenantNetFixture.MAC1, "ipv6_address", VM1),
                Map.of("name", "blockhost-001\"; flush ruleset", "mac", TenantNetFixture.MAC1, "ipv4_address", VM1))) {
            JsonNode r = NET.call("vm-isolate", p);
            assertEquals("rejected", r.path("kind").asText(), p + " -> " + r);
        }
    }
}
