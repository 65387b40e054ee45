package org.blockhost.installer.internal.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** Interface addresses are shown in their usual short form; the loopback interface is listed. */
class InterfacesTest {
    @Test
    void ipv6AddressesAreShortened() throws Exception {
        assertEquals("fd00::2", Interfaces.text(InetAddress.getByName("fd00::2")));
        assertEquals("::1", Interfaces.text(InetAddress.getByName("::1")));
        assertEquals("fe80::fc:ff:fe00:1", Interfaces.text(InetAddress.getByName("fe80::fc:ff:fe00:1")));
        assertEquals("2001:db8:0:1:0:0:0:1".replace(":0:0:0:1", "::1"), Interfaces.text(InetAddress.getByName("2001:db8:0:1::1")));
        assertEquals("1:0:2:3:4:5:6:7", Interfaces.compress("1:0:2:3:4:5:6:7"));
        assertEquals("192.0.2.2", Interfaces.text(InetAddress.getByName("192.0.2.2")));
    }

    @Test
    void thisMachinesInterfacesAreListed() {
        assertTrue(Interfaces.list().stream().anyMatch(Interfaces.Nic::loopback));
    }
}
