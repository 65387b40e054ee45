package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * port-forward-add/-del against the real kernel: the daemon runs in the host namespace of
 * {@link TenantNetFixture}; a client on the public side reaches a VM namespace's sshd through the
 * forwarded public port, and no longer after the forward is removed.
 */
class NetnsPortForwardTest {
    @RegisterExtension
    static final TenantNetFixture NET = new TenantNetFixture("bh-pf-" + ProcessHandle.current().pid());

    static JsonNode add(int publicPort, String address) throws Exception {
        return NET.call("port-forward-add", Map.of("public_port", publicPort, "address", address, "port", 22));
    }

    static JsonNode del(String address) throws Exception {
        return NET.call("port-forward-del", Map.of("address", address));
    }

    static String forwards() throws Exception {
        return NET.in(NET.host, "nft", "list", "map", "ip", "blockhost_vms", "forward4");
    }

    @Test
    void clientReachesTheVmsSshdThroughThePublicPortUntilRemoved() throws Exception {
        assertFalse(NET.sshBanner(NET.client, TenantNetFixture.PUBLIC, 22010), "nothing forwarded yet");
        assertTrue(add(22010, TenantNetFixture.VM1).path("ok").asBoolean());
        assertTrue(NET.sshBanner(NET.client, TenantNetFixture.PUBLIC, 22010), "forwarded to vm1's sshd");
        assertTrue(add(22010, TenantNetFixture.VM1).path("ok").asBoolean(), "idempotent");
        assertTrue(forwards().contains("22010 : 10.77.0.10 . 22"), forwards());

        assertTrue(del(TenantNetFixture.VM1).path("ok").asBoolean());
        assertFalse(forwards().contains("22010"), forwards());
        assertFalse(NET.sshBanner(NET.client, TenantNetFixture.PUBLIC, 22010), "gone after removal");
        assertTrue(del(TenantNetFixture.VM1).path("ok").asBoolean(), "idempotent");
    }

    @Test
    void aPublicPortHasOneOwner() throws Exception {
        assertTrue(add(22011, TenantNetFixture.VM1).path("ok").asBoolean());
        JsonNode taken = add(22011, TenantNetFixture.VM2);
        assertEquals("failed", taken.path("kind").asText(), taken.toString());
        assertTrue(taken.path("error").asText().contains("forwarded to another address"), taken.toString());
        assertEquals(0, del(TenantNetFixture.VM2).path("result").path("removed").asInt(), "vm2 has no forward");
        assertTrue(NET.sshBanner(NET.client, TenantNetFixture.PUBLIC, 22011), "still vm1's");
        assertTrue(del(TenantNetFixture.VM1).path("ok").asBoolean());
    }

    @Test
    void aNewPortForTheSameVmReplacesItsStaleOne() throws Exception {
        assertTrue(add(22014, TenantNetFixture.VM1).path("ok").asBoolean());
        assertTrue(add(22015, TenantNetFixture.VM1).path("ok").asBoolean());
        assertFalse(forwards().contains("22014"), forwards());
        assertTrue(NET.sshBanner(NET.client, TenantNetFixture.PUBLIC, 22015));
        assertEquals(1, del(TenantNetFixture.VM1).path("result").path("removed").asInt());
    }

    /** A host reboot empties the kernel's tables: the daemon puts the recorded forwards back when it starts. */
    @Test
    void forwardsComeBackWhenTheDaemonStartsAfterAReboot() throws Exception {
        assertTrue(add(22013, TenantNetFixture.VM2).path("ok").asBoolean());
        assertTrue(Files.readString(NET.dir.resolve("state").resolve("forwards")).contains("22013 10.77.0.11 22"));
        NET.stopDaemon();
        NET.in(NET.host, "nft", "delete", "table", "ip", "blockhost_vms");
        assertFalse(NET.sshBanner(NET.client, TenantNetFixture.PUBLIC, 22013), "the kernel forgot the forward");
        NET.startDaemon();
        assertTrue(NET.sshBanner(NET.client, TenantNetFixture.PUBLIC, 22013), "restored at start");
        assertTrue(del(TenantNetFixture.VM2).path("ok").asBoolean());
        assertFalse(Files.readString(NET.dir.resolve("state").resolve("forwards")).contains("22013"));
    }

    @Test
    void invalidParametersAreRejected() throws Exception {
        for (Map<String, Object> p : List.<Map<String, Object>>of(
                Map.of("public_port", 80, "address", TenantNetFixture.VM1),
                Map.of("public_port", 70000, "address", TenantNetFixture.VM1),
                Map.of("public_port", 22012, "address", "10.77.0.0/24"),
                Map.of("public_port", 22012, "address", "fd00::1"),
                Map.of("public_port", 22012, "address", "10.77.0.10; flush ruleset"),
                Map.of("public_port", "22012", "address", TenantNetFixture.VM1),
                Map.of("public_port", 22012, "address", TenantNetFixture.VM1, "port", 0),
                Map.of("public_port", 22012))) {
            JsonNode r = NET.call("port-forward-add", p);
            assertEquals("rejected", r.path("kind").asText(), p + " -> " + r);
        }
    }
}
