package org.blockhost.provisioner.libvirt.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Ipv6PrefixTest {
    @Test
    void addressFollowsTheVmNumber() {
        Ipv6Prefix p = Ipv6Prefix.parse("2001:DB8:1::/64");
        assertEquals("2001:db8:1:0:0:0:0:2a", p.addressFor("blockhost-042"));
        assertEquals("2001:db8:1:0:0:0:3b9a:c9ff", p.addressFor("blockhost-999999999"));
        assertEquals("2001:db8:1:0:0:0:0:0/64", p.toString());
        assertThrows(IllegalArgumentException.class, () -> p.addressFor("blockhost-000"));
        assertThrows(IllegalArgumentException.class, () -> p.addressFor("template-x"));
        assertThrows(IllegalArgumentException.class, () -> Ipv6Prefix.parse("2001:db8::/112").addressFor("blockhost-70000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2001:db8::", "2001:db8::/129", "2001:db8::/40", "2001:db8::1/64", "1.2.3.4/64",
        "example.com/64", "abcd/64", "2001:db8::/064x", "fe80::1%eth0/64", "2001:db8::/64\n", "::ffff:1.2.3.4/96"})
    void invalidPrefixesAreRejected(String v) {
        assertThrows(IllegalArgumentException.class, () -> Ipv6Prefix.parse(v));
    }
}
