package org.blockhost.installer.internal.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The static IPv4 setting checked before the root agent is asked: fields, subnet, DNS; input never echoed. */
class InterfaceChangeTest {
    private static final Set<String> NICS = Set.of("eth0");

    private static Map<String, String> form(String device, String address, String prefix, String gateway, String dns) {
        return Map.of("device", device, "address", address, "prefix", prefix, "gateway", gateway, "dns", dns);
    }

    @Test
    void aValidSettingBecomesTheAgentsParametersAndAPlan() {
        InterfaceChange c = InterfaceChange.parse(form("eth0", "192.0.2.10", "24", "192.0.2.1", "192.0.2.53, 2001:db8::53"), NICS)
                .change().orElseThrow();
        assertEquals(Map.of("device", "eth0", "address", "192.0.2.10", "prefix", 24, "gateway", "192.0.2.1", "dns",
                List.of("192.0.2.53", "2001:db8::53")), c.params());
        assertEquals("eth0: static 192.0.2.10/24, gateway 192.0.2.1, DNS 192.0.2.53, 2001:db8::53", c.plan());
        assertFalse(InterfaceChange.parse(form("eth0", "192.0.2.10", "24", "192.0.2.1", ""), NICS).change().orElseThrow()
                .params().containsKey("dns"));
    }

    @Test
    void everyBadFieldGetsItsOwnSentenceAndNoChange() {
        var r = InterfaceChange.parse(form("wlan9<", "192.0.2.300", "31", "gw", "1.2.3.4,x"), NICS);
        assertTrue(r.change().isEmpty());
        assertEquals(Set.of("device", "address", "prefix", "gateway", "dns"), r.problems().keySet());
        r.problems().values().forEach(m -> assertFalse(m.contains("wlan9") || m.contains("300"), m));
    }

    @Test
    void theGatewayMustBeAnotherHostOfTheSubnet() {
        assertTrue(InterfaceChange.parse(form("eth0", "192.0.2.10", "24", "10.0.0.1", ""), NICS).problems().containsKey("gateway"));
        assertTrue(InterfaceChange.parse(form("eth0", "192.0.2.10", "24", "192.0.2.10", ""), NICS).problems().containsKey("gateway"));
        assertTrue(InterfaceChange.parse(form("eth0", "10.1.2.3", "8", "10.200.0.1", ""), NICS).problems().isEmpty());
        assertTrue(InterfaceChange.parse(form("eth0", "192.0.2.10", "24", "192.0.2.1", "1,2,3,4,5"), NICS).problems()
                .containsKey("dns"));
    }

    @Test
    void dhcpNeedsOnlyAKnownInterfaceAndAsksForTheDhcpAction() {
        Map<String, String> f = new java.util.HashMap<>(form("eth0", "not used", "", "", ""));
        f.put("mode", "dhcp");
        InterfaceChange c = InterfaceChange.parse(f, NICS).change().orElseThrow();
        assertEquals("host-net-dhcp", c.action());
        assertEquals(Map.of("device", "eth0"), c.params());
        assertEquals("eth0: address, gateway and DNS from DHCP", c.plan());
        f.put("device", "wlan9");
        assertEquals(Set.of("device"), InterfaceChange.parse(f, NICS).problems().keySet());
        f.put("mode", "bogus");
        assertTrue(InterfaceChange.parse(f, NICS).problems().containsKey("mode"));
        assertEquals("host-net-apply", InterfaceChange.parse(form("eth0", "192.0.2.10", "24", "192.0.2.1", ""), NICS)
                .change().orElseThrow().action());
    }
}
