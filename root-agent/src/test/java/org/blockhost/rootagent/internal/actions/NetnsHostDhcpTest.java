package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.TestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * host-net-dhcp against the real kernel and a real DHCP server: the daemon runs in one namespace
 * whose veth {@code bh0} faces a gateway namespace where {@code dnsmasq} hands out 192.0.2.50–60
 * with router 192.0.2.1 (which answers ICMP echo). The lease is applied (address, default route,
 * {@code inet dhcp} file, the agent's dhclient running); a static address afterwards stops that
 * client; a lease whose router (192.0.2.99) is silent is rolled back to the static setting, with no
 * client left running.
 */
class NetnsHostDhcpTest {
    @TempDir
    static Path dir;
    static DhcpNetns net;
    static String ns;
    static String gw;
    static Process daemon;
    static Path sock;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestSupport.isRoot(), "needs root");
        net = DhcpNetns.create("bh-dh", dir);
        ns = net.ns;
        gw = net.gw;
        in(ns, "ip", "addr", "add", "198.51.100.5/24", "dev", "bh0");
        in(ns, "ip", "link", "set", "bh0", "up");
        in(ns, "ip", "route", "add", "default", "via", "198.51.100.1", "dev", "bh0");
        daemon = TestSupport.startProcess(dir, List.of("ip", "netns", "exec", ns));
        sock = dir.resolve("agent.sock");
    }

    @AfterAll
    static void stop() throws Exception {
        TestSupport.stop(daemon);
        if (net != null) {
            DhcpNetns.kill(dir.resolve("state/dhclient.bh0.pid"));
            net.close();
        }
    }

    static boolean clientRunning() throws Exception {
        return DhcpNetns.running(dir.resolve("state/dhclient.bh0.pid"));
    }

    static void dhcpServer(String router) throws Exception {
        net.dhcpServer(router);
    }

    static String in(String namespace, String... argv) throws Exception {
        return TestSupport.inNetns(namespace, argv);
    }

    @Test
    void leaseAppliedStaticStopsTheClientSilentRouterRolledBack() throws Exception {
        Path file = dir.resolve("network/interfaces.d/blockhost-bh0");
        dhcpServer("192.0.2.1");
        JsonNode ok = TestSupport.call(sock, "host-net-dhcp", Map.of("device", "bh0"));
        assertTrue(ok.path("ok").asBoolean() && ok.path("result").path("applied").asBoolean(), ok.toString());
        assertEquals("192.0.2.1", ok.path("result").path("gateway").asText(), ok.toString());
        String addrs = in(ns, "ip", "-4", "addr", "show", "dev", "bh0");
        assertTrue(addrs.matches("(?s).*inet 192\\.0\\.2\\.(5[0-9]|60)/24.*") && !addrs.contains("198.51.100.5"), addrs);
        assertTrue(in(ns, "ip", "-4", "route", "show", "default").contains("via 192.0.2.1 dev bh0"));
        assertTrue(Files.readString(file).contains("iface bh0 inet dhcp\n"));
        assertTrue(clientRunning(), "the agent's dhclient renews the lease");

        JsonNode fixed = TestSupport.call(sock, "host-net-apply", Map.of("device", "bh0", "address", "192.0.2.10",
                "prefix", 24, "gateway", "192.0.2.1"));
        assertTrue(fixed.path("ok").asBoolean(), fixed.toString());
        assertFalse(clientRunning(), "a static address stops the DHCP client");
        String staticFile = Files.readString(file);

        dhcpServer("192.0.2.99");
        JsonNode silent = TestSupport.call(sock, "host-net-dhcp", Map.of("device", "bh0"));
        assertFalse(silent.path("ok").asBoolean(), silent.toString());
        assertTrue(silent.path("error").asText().contains("restored"), silent.toString());
        addrs = in(ns, "ip", "-4", "addr", "show", "dev", "bh0");
        assertTrue(addrs.contains("192.0.2.10/24") && !addrs.matches("(?s).*192\\.0\\.2\\.(5[0-9]|60)/.*"), addrs);
        assertTrue(in(ns, "ip", "-4", "route", "show", "default").contains("via 192.0.2.1 dev bh0"));
        assertEquals(staticFile, Files.readString(file), "the file as before");
        assertFalse(clientRunning(), "no client left running");

        JsonNode refused = TestSupport.call(sock, "host-net-dhcp", Map.of("device", "bh0;reboot"));
        assertEquals("rejected", refused.path("kind").asText(), refused.toString());
    }
}
