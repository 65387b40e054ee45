package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The ifupdown stanzas the host network actions write (and return as their dry-run plan). */
class HostNetworkPlanTest {
    @Test
    void dhcpAndBridgeStanzas() {
        assertEquals(HostNetwork.HEADER + "auto eth0\niface eth0 inet dhcp\n", HostDhcp.stanza("eth0"));
        NetworkSnapshot fixed = new NetworkSnapshot(List.of("192.0.2.10/24", "198.51.100.7/25"), Optional.of("192.0.2.1"), false,
                Optional.empty());
        assertEquals(HostNetwork.HEADER + "auto br0\niface br0 inet static\n    address 192.0.2.10/24\n    address 198.51.100.7/25\n"
                + "    gateway 192.0.2.1\n    bridge_ports eth0\n    bridge_stp off\n    bridge_fd 0\n",
                HostBridge.bridgeStanza("br0", "eth0", fixed, false));
        NetworkSnapshot leased = new NetworkSnapshot(List.of("192.0.2.55/24"), Optional.of("192.0.2.1"), true, Optional.empty());
        assertEquals(HostNetwork.HEADER + "auto vmbr1\niface vmbr1 inet dhcp\n    bridge_ports eth0\n    bridge_stp off\n"
                + "    bridge_fd 0\n", HostBridge.bridgeStanza("vmbr1", "eth0", leased, true));
        // addressing "dhcp": an uplink leased by another client (static to the agent) gets a DHCP bridge
        assertEquals(HostNetwork.HEADER + "auto br0\niface br0 inet dhcp\n    bridge_ports eth0\n    bridge_stp off\n"
                + "    bridge_fd 0\n", HostBridge.bridgeStanza("br0", "eth0", fixed, true));
        assertEquals("iface eth0 inet manual\n", HostBridge.manualStanza("eth0"));
    }
}
