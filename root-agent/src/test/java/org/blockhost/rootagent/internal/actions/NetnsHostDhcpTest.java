package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    static final String NS = "bh-dh-" + ProcessHandle.current().pid();
    static final String GW = "bh-dg-" + ProcessHandle.current().pid();

    @TempDir
    static Path dir;
    static Process daemon;
    static Process dnsmasq;
    static Path sock;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestSupport.isRoot(), "needs root");
        TestSupport.ensurePackages("iproute2", "iputils-ping", "isc-dhcp-client", "dnsmasq-base");
        assertEquals(0, TestSupport.run(null, "ip", "netns", "add", NS));
        assertEquals(0, TestSupport.run(null, "ip", "netns", "add", GW));
        // dhclient-script rewrites /etc/resolv.conf: inside the namespace that is this file (ip netns exec binds it)
        Files.createDirectories(Path.of("/etc/netns", NS));
        Files.writeString(Path.of("/etc/netns", NS, "resolv.conf"), "nameserver 192.0.2.1\n");
        in(NS, "ip", "link", "set", "lo", "up");
        in(NS, "ip", "link", "add", "bh0", "type", "veth", "peer", "name", "bh1");
        in(NS, "ip", "link", "set", "bh1", "netns", GW);
        in(GW, "ip", "addr", "add", "192.0.2.1/24", "dev", "bh1");
        in(GW, "ip", "link", "set", "bh1", "up");
        in(NS, "ip", "addr", "add", "198.51.100.5/24", "dev", "bh0");
        in(NS, "ip", "link", "set", "bh0", "up");
        in(NS, "ip", "route", "add", "default", "via", "198.51.100.1", "dev", "bh0");
        daemon = TestSupport.startProcess(dir, List.of("ip", "netns", "exec", NS));
        sock = dir.resolve("agent.sock");
    }

    @AfterAll
    static void stop() throws Exception {
        TestSupport.stop(daemon);
        TestSupport.stop(dnsmasq);
        if (TestSupport.isRoot()) {
            killClient();
            TestSupport.run(null, "ip", "netns", "del", NS);
            TestSupport.run(null, "ip", "netns", "del", GW);
            Files.deleteIfExists(Path.of("/etc/netns", NS, "resolv.conf"));
            Files.deleteIfExists(Path.of("/etc/netns", NS));
        }
    }

    static void killClient() throws Exception {
        Path pid = dir.resolve("state/dhclient.bh0.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    static boolean clientRunning() throws Exception {
        Path pid = dir.resolve("state/dhclient.bh0.pid");
        return Files.exists(pid) && ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
                .map(ProcessHandle::isAlive).orElse(false);
    }

    static void dhcpServer(String router) throws Exception {
        TestSupport.stop(dnsmasq);
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", GW, "dnsmasq", "--keep-in-foreground",
                "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--port=0", "--user=root", "--interface=bh1",
                "--bind-interfaces", "--dhcp-authoritative", "--dhcp-range=192.0.2.50,192.0.2.60,255.255.255.0,1h",
                "--dhcp-option=option:router," + router, "--dhcp-leasefile=" + dir.resolve("leases-" + router),
                "--log-facility=-"));
        dnsmasq = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("dnsmasq.log").toFile()).start();
        Thread.sleep(300);
        assertTrue(dnsmasq.isAlive(), "dnsmasq runs");
    }

    static String in(String ns, String... argv) throws Exception {
        return TestSupport.inNetns(ns, argv);
    }

    @Test
    void leaseAppliedStaticStopsTheClientSilentRouterRolledBack() throws Exception {
        Path file = dir.resolve("network/interfaces.d/blockhost-bh0");
        dhcpServer("192.0.2.1");
        JsonNode ok = TestSupport.call(sock, "host-net-dhcp", Map.of("device", "bh0"));
        assertTrue(ok.path("ok").asBoolean() && ok.path("result").path("applied").asBoolean(), ok.toString());
        assertEquals("192.0.2.1", ok.path("result").path("gateway").asText(), ok.toString());
        String addrs = in(NS, "ip", "-4", "addr", "show", "dev", "bh0");
        assertTrue(addrs.matches("(?s).*inet 192\\.0\\.2\\.(5[0-9]|60)/24.*") && !addrs.contains("198.51.100.5"), addrs);
        assertTrue(in(NS, "ip", "-4", "route", "show", "default").contains("via 192.0.2.1 dev bh0"));
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
        addrs = in(NS, "ip", "-4", "addr", "show", "dev", "bh0");
        assertTrue(addrs.contains("192.0.2.10/24") && !addrs.matches("(?s).*192\\.0\\.2\\.(5[0-9]|60)/.*"), addrs);
        assertTrue(in(NS, "ip", "-4", "route", "show", "default").contains("via 192.0.2.1 dev bh0"));
        assertEquals(staticFile, Files.readString(file), "the file as before");
        assertFalse(clientRunning(), "no client left running");

        JsonNode refused = TestSupport.call(sock, "host-net-dhcp", Map.of("device", "bh0;reboot"));
        assertEquals("rejected", refused.path("kind").asText(), refused.toString());
    }
}
