package org.blockhost.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void addressesInOneIpv6Slash64ShareAKey() {
        assertEquals("20010db800010002::/64", ClientAddress.key("2001:db8:1:2::9"));
        assertEquals(ClientAddress.key("2001:db8:1:2::9"), ClientAddress.key("2001:db8:1:2:ffff:ffff:ffff:fffe"));
        assertNotEquals(ClientAddress.key("2001:db8:1:2::9"), ClientAddress.key("2001:db8:1:3::9"), "the next /64");
    }

    @Test
    void ipv4IsKeyedByTheExactAddress() {
        assertEquals("192.0.2.7", ClientAddress.key("192.0.2.7"));
        assertNotEquals(ClientAddress.key("192.0.2.7"), ClientAddress.key("192.0.2.8"));
        assertEquals("192.0.2.7", ClientAddress.key("::ffff:192.0.2.7"), "IPv4-mapped is the IPv4 client");
    }

    @Test
    void namesAreNeverLookedUpAndKeyApart() {
        assertTrue(ClientAddress.literal("localhost").isEmpty());
        assertTrue(ClientAddress.literal("example.org").isEmpty());
        assertTrue(ClientAddress.literal(null).isEmpty());
        assertEquals("?localhost", ClientAddress.key("localhost"));
        assertEquals("?null", ClientAddress.key((String) null));
    }
}
