package org.blockhost.provisioner.libvirt.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Ipv4PoolTest {
    @Test
    void allocatesSkippingNetworkGatewayAndBroadcast() {
        Ipv4Pool p = Ipv4Pool.parse("192.0.2.0/30");
        assertEquals(Optional.of("192.0.2.2"), p.allocate(Set.of()));
        assertEquals(Optional.empty(), p.allocate(Set.of("192.0.2.2")));
        assertEquals(Optional.of("10.1.0.2"), Ipv4Pool.parse("10.1.0.0/16").allocate(Set.of()));
    }

    /** Bridge with an address pool: a range inside the network, an explicit gateway (never allocated) and DNS. */
    @Test
    void rangeGatewayAndDnsAreHonoured() {
        Ipv4Pool p = Ipv4Pool.parse("192.0.2.0/24").withGateway("192.0.2.254").withRange("192.0.2.250-192.0.2.254")
                .withDns("9.9.9.9, 1.1.1.1");
        assertEquals("192.0.2.254", p.gateway());
        assertEquals(java.util.List.of("9.9.9.9", "1.1.1.1"), p.dns());
        assertEquals(Optional.of("192.0.2.250"), p.allocate(Set.of()));
        assertEquals(Optional.of("192.0.2.253"), p.allocate(Set.of("192.0.2.250", "192.0.2.251", "192.0.2.252")));
        assertEquals(Optional.empty(), p.allocate(Set.of("192.0.2.250", "192.0.2.251", "192.0.2.252", "192.0.2.253")),
                "the gateway is never given to a VM");
        assertEquals(java.util.List.of("192.0.2.9"), Ipv4Pool.parse("192.0.2.0/24").withGateway("192.0.2.9").dns(),
                "DNS follows the gateway unless configured");
        for (String bad : new String[] {"192.0.2.9-192.0.2.1", "192.0.3.1-192.0.3.9", "192.0.2.0-192.0.2.9",
                "192.0.2.1-192.0.2.255", "192.0.2.1", "a-b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Ipv4Pool.parse("192.0.2.0/24").withRange(bad), bad);
            assertTrue(e.getMessage().startsWith("ipv4Range"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Ipv4Pool.parse("192.0.2.0/24").withGateway("198.51.100.1"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Pool.parse("192.0.2.0/24").withDns("1.1.1.1,x"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4Pool.parse("192.0.2.0/24").withDns("1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4,5.5.5.5"));
    }

    @Test
    void macRoundTrips() {
        Ipv4Pool p = Ipv4Pool.parse("10.20.0.0/16");
        assertEquals("52:54:00:14:01:fe", Ipv4Pool.macFor("10.20.1.254"));
        assertEquals(Optional.of("10.20.1.254"), p.addressOfMac("52:54:00:14:01:fe"));
        assertEquals(Optional.empty(), p.addressOfMac("52:54:00:15:01:fe"), "outside the pool");
        assertEquals(Optional.empty(), p.addressOfMac("52:54:00:14:01:FE\n"));
        assertTrue(p.contains("10.20.255.255"));
        assertFalse(p.contains("10.21.0.1"));
        assertFalse(p.contains("10.20.0.1.5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "192.0.2.0", "192.0.2.1/24", "192.0.2.0/31", "10.0.0.0/7", "256.0.0.0/24",
            "192.0.2.0/24 ", "192.0.2.0/024x", "01.0.0.0/8", "::1/64", "192.0.2.0/24;ls"})
    void refusesInvalidPools(String cidr) {
        assertThrows(IllegalArgumentException.class, () -> Ipv4Pool.parse(cidr));
    }
}
