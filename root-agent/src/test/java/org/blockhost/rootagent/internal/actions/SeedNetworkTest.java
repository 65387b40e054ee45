package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.TestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** seed-create's optional static network: the network-config (v2) in the ISO, and strict validation. */
class SeedNetworkTest extends SeedTestBase {
    @Test
    void staticAddressesGoIntoNetworkConfig() throws Exception {
        assumeTrue(TestSupport.has("isoinfo"));
        Map<String, Object> p = base();
        p.putAll(Map.of("mac", "52:54:00:c0:00:02", "ipv4_address", "192.0.2.2", "ipv4_prefix", 24,
                "ipv4_gateway", "192.0.2.1", "ipv6_address", "2001:db8:0:0::2a", "ipv6_gateway", "fe80::1",
                "dns", List.of("192.0.2.1", "2001:db8::53")));
        agent.call("seed-create", p);
        assertEquals("version: 2\nethernets:\n  primary:\n    match:\n      macaddress: \"52:54:00:c0:00:02\"\n"
                + "    dhcp4: false\n    addresses:\n      - \"192.0.2.2/24\"\n      - \"2001:db8:0:0:0:0:0:2a/128\"\n"
                + "    gateway4: \"192.0.2.1\"\n    gateway6: \"fe80:0:0:0:0:0:0:1\"\n"
                + "    nameservers:\n      addresses:\n        - \"192.0.2.1\"\n        - \"2001:db8:0:0:0:0:0:53\"\n",
                isoFile("/network-config"));
    }

    @Test
    void ipv4OnlyMatchesByNameAndWithoutStaticNoNetworkConfig() throws Exception {
        assumeTrue(TestSupport.has("isoinfo"));
        Map<String, Object> p = base();
        p.putAll(Map.of("ipv4_address", "10.1.0.9", "ipv4_prefix", 16));
        agent.call("seed-create", p);
        assertEquals("version: 2\nethernets:\n  primary:\n    match:\n      name: \"e*\"\n    dhcp4: false\n"
                + "    addresses:\n      - \"10.1.0.9/16\"\n", isoFile("/network-config"));
        Files.delete(iso);
        agent.call("seed-create", base());
        assertEquals("", isoFile("/network-config"), "DHCP: no network-config");
        assertTrue(isoFile("/meta-data").contains("instance-id: bh-001"));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(Arguments.of(Map.of("ipv4_address", "192.0.2.256", "ipv4_prefix", 24)),
                Arguments.of(Map.of("ipv4_address", "192.0.2.2/24", "ipv4_prefix", 24)),
                Arguments.of(Map.of("ipv4_address", "example.com", "ipv4_prefix", 24)),
                Arguments.of(Map.of("ipv4_address", "2001:db8::1", "ipv4_prefix", 24)),
                Arguments.of(Map.of("ipv4_address", "192.0.2.2\n", "ipv4_prefix", 24)),
                Arguments.of(Map.of("ipv4_address", "192.0.2.2", "ipv4_prefix", 33)),
                Arguments.of(Map.of("ipv4_address", "192.0.2.2", "ipv4_prefix", "24")),
                Arguments.of(Map.of("ipv4_address", "192.0.2.2")),
                Arguments.of(Map.of("ipv4_prefix", 24)),
                Arguments.of(Map.of("ipv4_gateway", "192.0.2.1")),
                Arguments.of(Map.of("ipv4_address", "192.0.2.2", "ipv4_prefix", 24, "ipv4_gateway", "fe80::1")),
                Arguments.of(Map.of("ipv6_address", "192.0.2.2")),
                Arguments.of(Map.of("ipv6_address", "fe80::1%eth0")),
                Arguments.of(Map.of("ipv6_address", "2001:db8::/64")),
                Arguments.of(Map.of("ipv6_address", "::ffff:192.0.2.1")),
                Arguments.of(Map.of("ipv6_gateway", "fe80::1")),
                Arguments.of(Map.of("dns", List.of("192.0.2.53"))),
                Arguments.of(Map.of("ipv4_address", "192.0.2.2", "ipv4_prefix", 24, "dns", List.of("1.1.1.1; id"))),
                Arguments.of(Map.of("ipv4_address", "192.0.2.2", "ipv4_prefix", 24, "dns", List.of("10.0.0.0/8"))),
                Arguments.of(Map.of("ipv4_address", "192.0.2.2", "ipv4_prefix", 24, "dns", "1.1.1.1")),
                Arguments.of(Map.of("ipv4_address", "192.0.2.2", "ipv4_prefix", 24, "mac", "52:54:00:C0:00:02\"")),
                Arguments.of(Map.of("ipv4_address", "192.0.2.2", "ipv4_prefix", 24, "network_config", "x")));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidNetworkValuesAreRejected(Map<String, Object> extra) {
        Map<String, Object> p = base();
        p.putAll(extra);
        RootAgentException e = assertThrows(RootAgentException.class, () -> agent.call("seed-create", p));
        assertEquals(RootAgentException.Kind.REJECTED, e.kind(), e.getMessage());
        assertTrue(!Files.exists(iso));
    }
}
