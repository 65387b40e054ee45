package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer's stanza leaves {@code /etc/network/interfaces}; ifupdown's DHCP client stops. */
class InstallerStanzaTest {
    static final String DEBIAN_INSTALLER = """
            # This file describes the network interfaces available on your system
            source /etc/network/interfaces.d/*

            # The loopback network interface
            auto lo
            iface lo inet loopback

            # The primary network interface
            allow-hotplug ens2
            iface ens2 inet dhcp
            # This is an autoconfigured IPv6 interface
            iface ens2 inet6 auto

            auto ens3
            iface ens3 inet static
                address 192.0.2.9/24
            """;

    @Test
    void theDeviceLeavesEverythingElseStays() {
        assertEquals("""
                # This file describes the network interfaces available on your system
                source /etc/network/interfaces.d/*

                # The loopback network interface
                auto lo
                iface lo inet loopback

                # The primary network interface

                auto ens3
                iface ens3 inet static
                    address 192.0.2.9/24
                """, InstallerStanza.without(DEBIAN_INSTALLER, "ens2"));
        String staticGone = InstallerStanza.without(DEBIAN_INSTALLER, "ens3");
        assertFalse(staticGone.contains("ens3") || staticGone.contains("192.0.2.9"), staticGone);
        assertTrue(staticGone.contains("iface ens2 inet dhcp\n"), staticGone);
        assertEquals(DEBIAN_INSTALLER, InstallerStanza.without(DEBIAN_INSTALLER, "ens9"), "another device: unchanged");
        assertEquals(DEBIAN_INSTALLER, InstallerStanza.without(DEBIAN_INSTALLER, "ens"), "a prefix is not the device");
    }

    @Test
    void aSharedAutoLineKeepsTheOthers() {
        assertEquals("auto lo eth1\nallow-hotplug eth1\n",
                InstallerStanza.without("auto lo eth0 eth1\nallow-hotplug eth0 eth1\nallow-hotplug eth0\n", "eth0"));
    }

    @Test
    void theAgentsDirectoryIsSourced() {
        Path d = Path.of("/etc/network/interfaces.d");
        assertEquals(DEBIAN_INSTALLER, InstallerStanza.sourcing(DEBIAN_INSTALLER, d));
        assertEquals("auto lo\nsource /etc/network/interfaces.d/*\n", InstallerStanza.sourcing("auto lo", d));
        assertEquals("source-directory /etc/network/interfaces.d\n",
                InstallerStanza.sourcing("source-directory /etc/network/interfaces.d\n", d));
        assertTrue(InstallerStanza.sourcing("source /elsewhere/*\n", d).endsWith("source /etc/network/interfaces.d/*\n"));
    }

    @Test
    void onlyARunningDhclientIsStopped(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("dhclient");
        Files.copy(Path.of("/bin/sleep"), fake);
        fake.toFile().setExecutable(true);
        Process client = new ProcessBuilder(fake.toString(), "60").start();
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(dir.resolve("dhclient.bhx.pid"), client.pid() + "\n");
            Files.writeString(dir.resolve("dhclient.bhy.pid"), Long.toString(other.pid()));
            Files.writeString(dir.resolve("dhclient.bhz.pid"), "not a pid");

            assertFalse(InstallerStanza.stopIfupdownClient(dir, "bhy"), "a pid file naming another program");
            assertFalse(InstallerStanza.stopIfupdownClient(dir, "bhz"));
            assertFalse(InstallerStanza.stopIfupdownClient(dir, "none"));
            assertTrue(other.isAlive());
            assertTrue(InstallerStanza.stopIfupdownClient(dir, "bhx"));
            assertTrue(client.waitFor(10, TimeUnit.SECONDS), "dhclient stopped");
            assertFalse(Files.exists(dir.resolve("dhclient.bhx.pid")));
        } finally {
            client.destroyForcibly();
            other.destroyForcibly();
        }
    }
}
