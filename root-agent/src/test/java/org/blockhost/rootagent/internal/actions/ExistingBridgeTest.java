package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** host-bridge-create asked again: the same bridge is fine, a different one under the name is refused and says why. */
class ExistingBridgeTest {
    private static final Optional<String> STATIC = Optional.of(HostNetwork.HEADER + "auto br0\niface br0 inet static\n"
            + "    address 192.0.2.10/24\n    gateway 192.0.2.1\n    bridge_ports eth0\n");
    private static final Optional<String> LEASED = Optional.of(HostNetwork.HEADER + "auto br0\niface br0 inet dhcp\n"
            + "    bridge_ports eth0\n");

    @Test
    void theSameBridgeAgainIsNoChange() {
        for (Optional<String> stanza : List.of(STATIC, LEASED, Optional.<String>empty())) {
            assertEquals(Optional.empty(), ExistingBridge.mismatch("br0", "bridge", List.of("eth0"), stanza, "eth0", "uplink"));
        }
        assertEquals(Optional.empty(), ExistingBridge.mismatch("br0", "bridge", List.of("eth0"), LEASED, "eth0", "dhcp"));
        assertEquals(Optional.empty(), ExistingBridge.mismatch("br0", "bridge", List.of("eth0"), Optional.empty(), "eth0", "dhcp"),
                "a bridge the agent did not write: its addressing is unknown, not different");
    }

    @Test
    void aDifferentBridgeUnderTheNameIsRefusedWithWhatIsThere() {
        assertEquals(Optional.of("host-bridge-create: br0 already exists with eth0 as its port, not eth1; choose another name,"
                + " or ask for br0 with eth0"), ExistingBridge.mismatch("br0", "bridge", List.of("eth0"), STATIC, "eth1", "uplink"));
        assertTrue(ExistingBridge.mismatch("br0", "bridge", List.of(), Optional.empty(), "eth1", "uplink").orElseThrow()
                .contains("with no port, not eth1"));
        assertEquals(Optional.of("host-bridge-create: br0 already exists and is not a bridge; choose another name"),
                ExistingBridge.mismatch("br0", "bond", List.of("eth0"), Optional.empty(), "eth0", "uplink"));
        assertEquals(Optional.of("host-bridge-create: br0 already exists with eth0's static addresses, not a DHCP lease;"
                + " remove it first to make it again with DHCP"),
                ExistingBridge.mismatch("br0", "bridge", List.of("eth0"), STATIC, "eth0", "dhcp"));
    }
}
