package org.blockhost.rootagent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uplink's ifupdown method: d-i's DHCP stanza, a static one, comments, other interfaces, no file. */
class UplinkAddressingTest {
    private static final String DI = "# This file describes the network interfaces\nsource /etc/network/interfaces.d/*\n\n"
            + "auto lo\niface lo inet loopback\n\n# The primary network interface\n#iface ens3 inet static\n"
            + "allow-hotplug ens3\niface ens3 inet6 auto\n\tiface   ens3   inet   dhcp\n"
            + "iface eth1 inet static\n    address 192.0.2.10/24\n    gateway 192.0.2.1\n";

    @Test
    void theFirstIpv4StanzaOfTheInterfaceGivesTheMethod() {
        assertEquals(Optional.of("dhcp"), UplinkAddressing.method(DI, "ens3"), "comment and inet6 skipped");
        assertEquals(Optional.of("static"), UplinkAddressing.method(DI, "eth1"));
        assertEquals(Optional.empty(), UplinkAddressing.method(DI, "ens"));
        assertEquals(Optional.empty(), UplinkAddressing.method(DI, "eth9"));
    }

    @Test
    void onlyADhcpStanzaInTheFileIsDhcp(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("interfaces"), DI);
        assertTrue(UplinkAddressing.dhcp(f, "ens3"));
        assertFalse(UplinkAddressing.dhcp(f, "eth1"));
        assertFalse(UplinkAddressing.dhcp(f, "lo"));
        assertFalse(UplinkAddressing.dhcp(dir.resolve("missing"), "ens3"));
        assertFalse(UplinkAddressing.dhcp(dir, "ens3"), "a directory is no file");
    }
}
