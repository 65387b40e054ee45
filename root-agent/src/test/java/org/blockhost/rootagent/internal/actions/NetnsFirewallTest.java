package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * firewall-* and ip6-route-* against the real kernel: the whole daemon runs inside a fresh network
 * namespace ({@code ip netns exec NS java ...}); the test talks to it over its Unix socket.
 */
class NetnsFirewallTest {
    static final String NS = "bh-ra-test-" + ProcessHandle.current().pid();

    @TempDir
    static Path dir;
    static Process daemon;
    static Path sock;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestSupport.isRoot(), "needs root");
        TestSupport.ensurePackages("nftables", "iproute2");
        assertEquals(0, TestSupport.run(null, "ip", "netns", "add", NS));
        ns("ip", "link", "set", "lo", "up");
        ns("ip", "link", "add", "bh0", "type", "veth", "peer", "name", "bh1");
        ns("ip", "link", "set", "bh0", "up");
        ns("ip", "link", "set", "bh1", "up");
        daemon = TestSupport.startProcess(dir, List.of("ip", "netns", "exec", NS));
        sock = dir.resolve("agent.sock");
    }

    @AfterAll
    static void stop() throws Exception {
        TestSupport.stop(daemon);
        if (TestSupport.isRoot()) {
            TestSupport.run(null, "ip", "netns", "del", NS);
        }
    }

    static String ns(String... argv) throws Exception {
        return TestSupport.inNetns(NS, argv);
    }

    static void ok(String action, Map<String, Object> params) throws Exception {
        JsonNode r = TestSupport.call(sock, action, params);
        assertTrue(r.path("ok").asBoolean(), action + " " + r);
    }

    static boolean waitUntilGone(String set, String needle, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (!ns("nft", "list", "set", "inet", "blockhost", set).contains(needle)) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    @Test
    void ipv4ElementAppearsAndExpiresByItself() throws Exception {
        ok("firewall-open", Map.of("port", 2201, "proto", "tcp", "source", "203.0.113.0/24", "ttl", 2));
        String set = ns("nft", "list", "set", "inet", "blockhost", "allow4");
        assertTrue(set.contains("203.0.113.0/24 . tcp . 2201") && set.contains("expires"), set);
        assertTrue(ns("nft", "list", "chain", "inet", "blockhost", "admit").contains("@allow4"));
        assertTrue(waitUntilGone("allow4", ". 2201", 8000), "element expired");
    }

    @Test
    void ipv6ElementAppearsAndExpiresByItself() throws Exception {
        ok("firewall-open", Map.of("port", 2202, "proto", "udp", "source", "2001:db8:1::7", "ttl", 2));
        String set = ns("nft", "list", "set", "inet", "blockhost", "allow6");
        assertTrue(set.contains("2001:db8:1::7 . udp . 2202"), set);
        assertTrue(waitUntilGone("allow6", ". 2202", 8000), "element expired");
    }

    @Test
    void openIsIdempotentAndCloseRemoves() throws Exception {
        Map<String, Object> p = Map.of("port", 2203, "proto", "tcp", "source", "198.51.100.9", "ttl", 600);
        ok("firewall-open", p);
        ok("firewall-open", p);
        String set = ns("nft", "list", "set", "inet", "blockhost", "allow4");
        assertEquals(set.indexOf(". 2203"), set.lastIndexOf(". 2203"), set);
        ok("firewall-close", Map.of("port", 2203, "proto", "tcp", "source", "198.51.100.9"));
        assertFalse(ns("nft", "list", "set", "inet", "blockhost", "allow4").contains(". 2203"));
        ok("firewall-close", Map.of("port", 2203, "proto", "tcp", "source", "198.51.100.9"));
    }

    static final String SERVER = "import socket\n"
            + "s=socket.socket();s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1);s.bind(('0.0.0.0',2299));s.listen()\n"
            + "while True:\n  c,_=s.accept();c.close()\n";
    static final String CLIENT = "import socket,sys\n"
            + "s=socket.socket();s.settimeout(2);s.bind((sys.argv[1],0));s.connect(('10.9.0.3',2299));print('connected')\n";

    static boolean connects(String from) throws Exception {
        return TestSupport.run(null, "ip", "netns", "exec", NS, "python3", "-c", CLIENT, from) == 0;
    }

    /**
     * M8: the operator's own default-drop input chain (another table) still lets an opened source
     * in — and only that source.
     */
    @Test
    void openingWorksThroughTheOperatorsDefaultDropTable() throws Exception {
        for (String a : new String[] {"10.9.0.1", "10.9.0.2", "10.9.0.3"}) {
            ns("ip", "addr", "add", a + "/32", "dev", "lo");
        }
        Process server = new ProcessBuilder("ip", "netns", "exec", NS, "python3", "-c", SERVER).start();
        try {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!connects("10.9.0.2") && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(connects("10.9.0.1"), "server reachable before any firewall");
            List<String> out = new ArrayList<>();
            assertEquals(0, TestSupport.run(out, "ip", "netns", "exec", NS, "nft", "add table inet base; "
                    + "add chain inet base input { type filter hook input priority 0; policy drop; }; "
                    + "add rule inet base input ct state established,related accept"), out.toString());
            assertFalse(connects("10.9.0.1"), "the operator's default drop applies");
            ok("firewall-open", Map.of("port", 2299, "proto", "tcp", "source", "10.9.0.1", "ttl", 60));
            assertTrue(connects("10.9.0.1"), "the opened source gets through the operator's drop chain");
            assertFalse(connects("10.9.0.2"), "another source is still dropped");
            assertTrue(ns("nft", "list", "chain", "inet", "base", "input").contains("blockhost-allow"));
            ok("firewall-open", Map.of("port", 2299, "proto", "tcp", "source", "10.9.0.1", "ttl", 60));
            String base = ns("nft", "list", "chain", "inet", "base", "input");
            assertEquals(base.indexOf("blockhost-allow"), base.lastIndexOf("blockhost-allow"), "inserted once: " + base);
            ok("firewall-close", Map.of("port", 2299, "proto", "tcp", "source", "10.9.0.1"));
            assertFalse(connects("10.9.0.1"), "closed again");
        } finally {
            server.destroy();
            TestSupport.run(null, "ip", "netns", "exec", NS, "nft", "delete table inet base");
        }
    }

    @Test
    void ip6HostRoutesInsideThePrefix() throws Exception {
        ok("ip6-route-add", Map.of("address", "fd00:b10c::42", "device", "bh0"));
        assertTrue(ns("ip", "-6", "route", "show", "dev", "bh0").contains("fd00:b10c::42"));
        ok("ip6-route-del", Map.of("address", "fd00:b10c::42", "device", "bh0"));
        assertFalse(ns("ip", "-6", "route", "show", "dev", "bh0").contains("fd00:b10c::42"));
        JsonNode r = TestSupport.call(sock, "ip6-route-add", Map.of("address", "fd00:dead::1", "device", "bh0"));
        assertEquals("rejected", r.path("kind").asText(), r.toString());
    }
}
