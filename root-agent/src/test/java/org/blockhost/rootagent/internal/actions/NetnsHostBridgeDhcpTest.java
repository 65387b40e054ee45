package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.TestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * host-bridge-create with {@code addressing: dhcp} against the real kernel and a real DHCP server,
 * the way the ISO's first boot finds the host: the uplink {@code bh0} holds a lease of the
 * installer's {@code dhclient} (ifupdown's, not the agent's: its pid file is elsewhere), and
 * {@code dnsmasq} in the gateway namespace hands out 192.0.2.50–60 with router 192.0.2.1. While the
 * router drops echo requests the bridge is rolled back (no bridge, {@code bh0} in none with its
 * address and route, no agent client left, no files); once it answers, {@code br7} holds {@code bh0}
 * and a lease of its own from the agent's client (the same address: same MAC), the default route goes
 * through it, and the files say {@code inet dhcp}.
 */
class NetnsHostBridgeDhcpTest {
    static final String NS = "bh-bd-" + ProcessHandle.current().pid();
    static final String GW = "bh-bq-" + ProcessHandle.current().pid();

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
        Files.createDirectories(Path.of("/etc/netns", NS));
        Files.writeString(Path.of("/etc/netns", NS, "resolv.conf"), "nameserver 192.0.2.1\n");
        in(NS, "ip", "link", "set", "lo", "up");
        in(NS, "ip", "link", "add", "bh0", "type", "veth", "peer", "name", "bh1");
        in(NS, "ip", "link", "set", "bh1", "netns", GW);
        in(GW, "ip", "addr", "add", "192.0.2.1/24", "dev", "bh1");
        in(GW, "ip", "link", "set", "bh1", "up");
        in(NS, "ip", "link", "set", "bh0", "up");
        dnsmasq = new ProcessBuilder("ip", "netns", "exec", GW, "dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--port=0", "--user=root", "--interface=bh1", "--bind-interfaces",
                "--dhcp-authoritative", "--dhcp-range=192.0.2.50,192.0.2.60,255.255.255.0,1h",
                "--dhcp-option=option:router,192.0.2.1", "--dhcp-leasefile=" + dir.resolve("dnsmasq.leases"), "--log-facility=-")
                .redirectErrorStream(true).redirectOutput(dir.resolve("dnsmasq.log").toFile()).start();
        Thread.sleep(300);
        assertTrue(dnsmasq.isAlive(), "dnsmasq runs");
        // the installer's client, as ifupdown starts it: its own pid and lease files, not the agent's
        in(NS, "dhclient", "-4", "-1", "-pf", dir.resolve("ifup.bh0.pid").toString(), "-lf",
                dir.resolve("ifup.bh0.leases").toString(), "bh0");
        daemon = TestSupport.startProcess(dir, List.of("ip", "netns", "exec", NS));
        sock = dir.resolve("agent.sock");
    }

    @AfterAll
    static void stop() throws Exception {
        TestSupport.stop(daemon);
        TestSupport.stop(dnsmasq);
        if (TestSupport.isRoot()) {
            for (String pid : List.of("ifup.bh0.pid", "state/dhclient.br7.pid", "state/dhclient.bh0.pid")) {
                kill(dir.resolve(pid));
            }
            TestSupport.run(null, "ip", "netns", "del", NS);
            TestSupport.run(null, "ip", "netns", "del", GW);
            Files.deleteIfExists(Path.of("/etc/netns", NS, "resolv.conf"));
            Files.deleteIfExists(Path.of("/etc/netns", NS));
        }
    }

    static void kill(Path pid) throws Exception {
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    static boolean running(Path pid) throws Exception {
        return Files.exists(pid) && ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
                .map(ProcessHandle::isAlive).orElse(false);
    }

    static String in(String ns, String... argv) throws Exception {
        return TestSupport.inNetns(ns, argv);
    }

    static String leased(String device) throws Exception {
        String addrs = in(NS, "ip", "-4", "addr", "show", "dev", device);
        Matcher m = Pattern.compile("inet (192\\.0\\.2\\.(5[0-9]|60))/24").matcher(addrs);
        return m.find() ? m.group(1) : "";
    }

    static JsonNode create() throws Exception {
        return TestSupport.call(sock, "host-bridge-create", Map.of("bridge", "br7", "uplink", "bh0", "addressing", "dhcp"));
    }

    @Test
    void theBridgeLeasesItsOwnAddressAndIsRolledBackWhileTheRouterIsSilent() throws Exception {
        String address = leased("bh0");
        assertFalse(address.isEmpty(), "the installer's client leased an address");
        assertTrue(in(NS, "ip", "-4", "route", "show", "default").contains("via 192.0.2.1 dev bh0"));
        Path uplinkFile = dir.resolve("network/interfaces.d/blockhost-bh0");
        Path bridgeFile = dir.resolve("network/interfaces.d/blockhost-br7");
        Path bridgeClient = dir.resolve("state/dhclient.br7.pid");

        in(GW, "sysctl", "-q", "-w", "net.ipv4.icmp_echo_ignore_all=1");
        JsonNode silent = create();
        in(GW, "sysctl", "-q", "-w", "net.ipv4.icmp_echo_ignore_all=0");
        assertFalse(silent.path("ok").asBoolean(), silent.toString());
        assertTrue(silent.path("error").asText().contains("restored"), silent.toString());
        assertFalse(in(NS, "ip", "link", "show").contains("br7"), "no bridge left");
        assertFalse(in(NS, "ip", "link", "show", "dev", "bh0").contains("master"), "bh0 in no bridge");
        assertEquals(address, leased("bh0"), "the uplink's address is back");
        assertTrue(in(NS, "ip", "-4", "route", "show", "default").contains("via 192.0.2.1 dev bh0"));
        assertFalse(running(bridgeClient), "no agent client left");
        assertFalse(Files.exists(uplinkFile) || Files.exists(bridgeFile), "no files");

        JsonNode ok = create();
        assertTrue(ok.path("ok").asBoolean() && ok.path("result").path("applied").asBoolean(), ok.toString());
        assertEquals("dhcp", ok.path("result").path("addressing").asText(), ok.toString());
        assertTrue(in(NS, "ip", "link", "show", "dev", "bh0").contains("master br7"));
        assertEquals(address, leased("br7"), "the bridge leased the uplink's address (same MAC)");
        assertTrue(in(NS, "ip", "-4", "addr", "show", "dev", "br7").contains("dynamic"), "a lease, not a static address");
        assertEquals("", leased("bh0"));
        assertTrue(in(NS, "ip", "-4", "route", "show", "default").contains("via 192.0.2.1 dev br7"));
        assertTrue(running(bridgeClient), "the agent's client renews the bridge's lease");
        in(NS, "ping", "-c", "1", "-W", "2", "192.0.2.1");
        assertTrue(Files.readString(bridgeFile).contains("iface br7 inet dhcp\n    bridge_ports bh0\n"), Files.readString(bridgeFile));
        assertEquals("iface bh0 inet manual\n", Files.readString(uplinkFile));

        JsonNode bad = TestSupport.call(sock, "host-bridge-create", Map.of("bridge", "br8", "uplink", "bh0", "addressing", "static"));
        assertEquals("rejected", bad.path("kind").asText(), bad.toString());
    }
}
