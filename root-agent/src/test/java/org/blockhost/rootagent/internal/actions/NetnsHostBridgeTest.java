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
 * host-bridge-create against the real kernel: the daemon runs in a namespace whose uplink {@code bh0}
 * (192.0.2.10/24, default via 192.0.2.1) faces a gateway namespace. While the gateway drops echo
 * requests the bridge is rolled back (no bridge, {@code bh0} in no bridge with its address, route and
 * file as before); once it answers, {@code br7} holds {@code bh0}, the address and the default route,
 * the gateway is reachable through it, both files are written, and a second call changes nothing. A call
 * for a different bridge under that name (another uplink, DHCP for the static bridge) and the uplink for another
 * bridge are refused saying what is there. Bad names and a bridge as uplink are refused before anything runs.
 */
class NetnsHostBridgeTest {
    static final String NS = "bh-br-" + ProcessHandle.current().pid();
    static final String GW = "bh-bg-" + ProcessHandle.current().pid();

    @TempDir
    static Path dir;
    static Process daemon;
    static Path sock;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestSupport.isRoot(), "needs root");
        TestSupport.ensurePackages("iproute2", "iputils-ping");
        assertEquals(0, TestSupport.run(null, "ip", "netns", "add", NS));
        assertEquals(0, TestSupport.run(null, "ip", "netns", "add", GW));
        in(NS, "ip", "link", "set", "lo", "up");
        in(NS, "ip", "link", "add", "bh0", "type", "veth", "peer", "name", "bh1");
        in(NS, "ip", "link", "set", "bh1", "netns", GW);
        in(GW, "ip", "addr", "add", "192.0.2.1/24", "dev", "bh1");
        in(GW, "ip", "link", "set", "bh1", "up");
        in(NS, "ip", "addr", "add", "192.0.2.10/24", "dev", "bh0");
        in(NS, "ip", "link", "set", "bh0", "up");
        in(NS, "ip", "route", "add", "default", "via", "192.0.2.1", "dev", "bh0");
        daemon = TestSupport.startProcess(dir, List.of("ip", "netns", "exec", NS));
        sock = dir.resolve("agent.sock");
    }

    @AfterAll
    static void stop() throws Exception {
        TestSupport.stop(daemon);
        if (TestSupport.isRoot()) {
            TestSupport.run(null, "ip", "netns", "del", NS);
            TestSupport.run(null, "ip", "netns", "del", GW);
        }
    }

    static String in(String ns, String... argv) throws Exception {
        return TestSupport.inNetns(ns, argv);
    }

    static JsonNode create(String bridge, String uplink) throws Exception {
        return TestSupport.call(sock, "host-bridge-create", Map.of("bridge", bridge, "uplink", uplink));
    }

    @Test
    void rolledBackWhileTheGatewayIsSilentThenCreatedAndIdempotent() throws Exception {
        Path uplinkFile = dir.resolve("network/interfaces.d/blockhost-bh0");
        Path bridgeFile = dir.resolve("network/interfaces.d/blockhost-br7");
        Files.createDirectories(uplinkFile.getParent());
        Files.writeString(uplinkFile, "iface bh0 inet static\n    address 192.0.2.10/24\n");
        Path installer = dir.resolve("network/interfaces");
        String installed = "source " + uplinkFile.getParent() + "/*\nauto lo\niface lo inet loopback\n"
                + "allow-hotplug bh0\niface bh0 inet static\n    address 192.0.2.10/24\n";
        Files.writeString(installer, installed);
        String mac = in(NS, "cat", "/sys/class/net/bh0/address").strip();

        in(GW, "sysctl", "-q", "-w", "net.ipv4.icmp_echo_ignore_all=1");
        JsonNode silent = create("br7", "bh0");
        in(GW, "sysctl", "-q", "-w", "net.ipv4.icmp_echo_ignore_all=0");
        assertFalse(silent.path("ok").asBoolean(), silent.toString());
        assertTrue(silent.path("error").asText().contains("restored"), silent.toString());
        assertFalse(in(NS, "ip", "link", "show").contains("br7"), "no bridge left");
        assertFalse(in(NS, "ip", "link", "show", "dev", "bh0").contains("master"), "bh0 in no bridge");
        assertTrue(in(NS, "ip", "-4", "addr", "show", "dev", "bh0").contains("192.0.2.10/24"));
        assertTrue(in(NS, "ip", "-4", "route", "show", "default").contains("via 192.0.2.1 dev bh0"));
        assertEquals("iface bh0 inet static\n    address 192.0.2.10/24\n", Files.readString(uplinkFile));
        assertFalse(Files.exists(bridgeFile));
        assertEquals(installed, Files.readString(installer), "the installer's file untouched by a rollback");

        JsonNode ok = create("br7", "bh0");
        assertTrue(ok.path("ok").asBoolean() && ok.path("result").path("applied").asBoolean(), ok.toString());
        assertTrue(in(NS, "ip", "link", "show", "dev", "bh0").contains("master br7"));
        assertTrue(in(NS, "ip", "-4", "addr", "show", "dev", "br7").contains("192.0.2.10/24"));
        assertFalse(in(NS, "ip", "-4", "addr", "show", "dev", "bh0").contains("192.0.2.10"));
        assertTrue(in(NS, "ip", "-4", "route", "show", "default").contains("via 192.0.2.1 dev br7"));
        assertEquals(mac, in(NS, "cat", "/sys/class/net/br7/address").strip(), "the bridge keeps the uplink's MAC");
        in(NS, "ping", "-c", "1", "-W", "2", "192.0.2.1");
        assertTrue(Files.readString(bridgeFile).contains("iface br7 inet static\n    address 192.0.2.10/24\n"
                + "    gateway 192.0.2.1\n    bridge_ports bh0\n"), Files.readString(bridgeFile));
        assertEquals("iface bh0 inet manual\n", Files.readString(uplinkFile));
        assertEquals("source " + uplinkFile.getParent() + "/*\nauto lo\niface lo inet loopback\n",
                Files.readString(installer), "bh0 left the installer's file: ifupdown would refuse it defined twice");
        try (var kept = Files.walk(dir)) {
            Path backup = kept.filter(f -> f.getFileName().toString().equals("interfaces.before-blockhost")).findFirst()
                    .orElseThrow();
            assertEquals(installed, Files.readString(backup));
        }

        String made = state(bridgeFile, uplinkFile, installer);
        JsonNode again = create("br7", "bh0");
        assertTrue(again.path("ok").asBoolean() && again.path("result").path("existed").asBoolean(), again.toString());
        assertEquals(made, state(bridgeFile, uplinkFile, installer), "the same call again changes nothing");
        differentBridgesUnderTheNameAreRefused();
        assertEquals(made, state(bridgeFile, uplinkFile, installer), "refused calls change nothing");

        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("bridge", "eth0", "uplink", "bh0"),
                Map.of("bridge", "br8", "uplink", "bh0;reboot"), Map.of("bridge", "br8", "uplink", "br7"),
                Map.of("bridge", "br8", "uplink", "lo"), Map.of("bridge", "br8"))) {
            JsonNode r = TestSupport.call(sock, "host-bridge-create", bad);
            assertEquals("rejected", r.path("kind").asText(), bad + " -> " + r);
        }
        assertFalse(in(NS, "ip", "link", "show").contains("br8"), "nothing ran");
    }

    /** Another uplink, DHCP for the static bridge, the uplink for another bridge: refused, saying what is there. */
    private static void differentBridgesUnderTheNameAreRefused() throws Exception {
        in(NS, "ip", "link", "add", "bh2", "type", "veth", "peer", "name", "bh3");
        JsonNode other = create("br7", "bh2");
        assertEquals("rejected", other.path("kind").asText(), other.toString());
        assertTrue(other.path("error").asText().contains("br7 already exists with bh0 as its port, not bh2"), other.toString());
        assertFalse(in(NS, "ip", "link", "show", "dev", "bh2").contains("master"), "bh2 in no bridge");
        JsonNode leased = TestSupport.call(sock, "host-bridge-create", Map.of("bridge", "br7", "uplink", "bh0", "addressing", "dhcp"));
        assertEquals("rejected", leased.path("kind").asText(), leased.toString());
        assertTrue(leased.path("error").asText().contains("static addresses, not a DHCP lease"), leased.toString());
        JsonNode taken = create("br8", "bh0");
        assertEquals("rejected", taken.path("kind").asText(), taken.toString());
        assertTrue(taken.path("error").asText().contains("it is a port of br7"), taken.toString());
        in(NS, "ip", "link", "del", "bh2");
    }

    /** Links, IPv4 addresses and routes of the daemon's namespace, and the interfaces files. */
    private static String state(Path... files) throws Exception {
        StringBuilder s = new StringBuilder(in(NS, "ip", "link", "show")).append(in(NS, "ip", "-4", "addr", "show"))
                .append(in(NS, "ip", "route", "show"));
        for (Path f : files) {
            s.append(Files.readString(f));
        }
        return s.toString();
    }
}
