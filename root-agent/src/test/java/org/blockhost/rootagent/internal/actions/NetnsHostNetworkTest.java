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
 * host-net-apply against the real kernel: the daemon runs in one network namespace whose veth
 * {@code bh0} faces a gateway namespace ({@code 192.0.2.1} on {@code bh1}). A static address with a
 * gateway that answers is applied and written; one whose gateway is silent is rolled back (address,
 * default route and file as before); a gateway outside the subnet is refused before anything runs.
 * The daemon runs without {@code CAP_NET_RAW} (securebit noroot, the unit's other capabilities as
 * ambient ones), where Java's {@code isReachable} falls back to TCP port 7: a gateway that is up but
 * drops echo requests — and refuses the TCP connection — must still count as silent.
 */
class NetnsHostNetworkTest {
    static final String NS = "bh-hn-" + ProcessHandle.current().pid();
    static final String GW = "bh-gw-" + ProcessHandle.current().pid();
    static final String CAPS = "+net_admin,+chown,+fowner,+dac_override";

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
        in(NS, "ip", "addr", "add", "198.51.100.5/24", "dev", "bh0");
        in(NS, "ip", "link", "set", "bh0", "up");
        in(NS, "ip", "route", "add", "default", "via", "198.51.100.1", "dev", "bh0");
        // root without root's automatic capabilities: the agent's own rights but no CAP_NET_RAW, so Java cannot open
        // raw ICMP sockets; ping (file capability cap_net_raw) still can
        daemon = TestSupport.startProcess(dir, List.of("ip", "netns", "exec", NS, "setpriv", "--securebits", "+noroot",
                "--inh-caps", "-all," + CAPS, "--ambient-caps", "-all," + CAPS));
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

    static JsonNode apply(String address, String gateway) throws Exception {
        return TestSupport.call(sock, "host-net-apply", Map.of("device", "bh0", "address", address, "prefix", 24,
                "gateway", gateway, "dns", List.of("192.0.2.53")));
    }

    @Test
    void appliedWhenTheGatewayAnswersRolledBackWhenItDoesNotRefusedOutsideTheSubnet() throws Exception {
        Path file = dir.resolve("network/interfaces.d/blockhost-bh0");
        JsonNode ok = apply("192.0.2.10", "192.0.2.1");
        assertTrue(ok.path("ok").asBoolean() && ok.path("result").path("applied").asBoolean(), ok.toString());
        assertTrue(in(NS, "ip", "-4", "addr", "show", "dev", "bh0").contains("192.0.2.10/24"));
        assertTrue(in(NS, "ip", "-4", "route", "show", "default").contains("via 192.0.2.1 dev bh0"));
        String written = Files.readString(file);
        assertTrue(written.contains("iface bh0 inet static\n    address 192.0.2.10/24\n    gateway 192.0.2.1\n"
                + "    dns-nameservers 192.0.2.53\n"), written);

        JsonNode silent = apply("192.0.2.20", "192.0.2.99");
        assertFalse(silent.path("ok").asBoolean(), silent.toString());
        assertTrue(silent.path("error").asText().contains("restored"), silent.toString());
        String addrs = in(NS, "ip", "-4", "addr", "show", "dev", "bh0");
        assertTrue(addrs.contains("192.0.2.10/24") && !addrs.contains("192.0.2.20"), addrs);
        assertTrue(in(NS, "ip", "-4", "route", "show", "default").contains("via 192.0.2.1 dev bh0"));
        assertEquals(written, Files.readString(file), "the file as before");

        in(GW, "sysctl", "-q", "-w", "net.ipv4.icmp_echo_ignore_all=1"); // up, but drops echo requests
        try {
            JsonNode noEcho = apply("192.0.2.40", "192.0.2.1");
            assertFalse(noEcho.path("ok").asBoolean(), "a gateway that only refuses TCP is no answer: " + noEcho);
            addrs = in(NS, "ip", "-4", "addr", "show", "dev", "bh0");
            assertTrue(addrs.contains("192.0.2.10/24") && !addrs.contains("192.0.2.40"), addrs);
            assertEquals(written, Files.readString(file), "the file as before");
        } finally {
            in(GW, "sysctl", "-q", "-w", "net.ipv4.icmp_echo_ignore_all=0");
        }

        JsonNode outside = apply("192.0.2.30", "10.0.0.1");
        assertFalse(outside.path("ok").asBoolean(), outside.toString());
        assertTrue(in(NS, "ip", "-4", "addr", "show", "dev", "bh0").contains("192.0.2.10/24"), "nothing ran");
    }
}
