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
 * The base ruleset against the real kernel: the daemon and a TCP server ("SSH" on 2222) run in one
 * network namespace, clients in a second one joined by a veth pair (so nothing arrives on
 * loopback). The base ruleset closes the management port; a knock ({@code firewall-open}) lets
 * exactly its source in, and the kernel closes it again by itself.
 */
class NetnsBaseRulesetTest {
    static final String HOST = "bh-base-h-" + ProcessHandle.current().pid();
    static final String PEER = "bh-base-p-" + ProcessHandle.current().pid();
    static final String SERVER = "import socket\n"
            + "s=socket.socket();s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1);s.bind(('0.0.0.0',2222));s.listen()\n"
            + "while True:\n  c,_=s.accept();c.close()\n";
    static final String CLIENT = "import socket,sys\n"
            + "s=socket.socket();s.settimeout(2);s.bind((sys.argv[1],0));s.connect(('10.7.0.3',2222));print('connected')\n";

    @TempDir
    static Path dir;
    static Process daemon;
    static Process server;
    static Path sock;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestSupport.isRoot(), "needs root");
        TestSupport.ensurePackages("nftables", "iproute2");
        assertEquals(0, TestSupport.run(null, "ip", "netns", "add", HOST));
        assertEquals(0, TestSupport.run(null, "ip", "netns", "add", PEER));
        in(HOST, "ip", "link", "set", "lo", "up");
        in(PEER, "ip", "link", "set", "lo", "up");
        in(HOST, "ip", "link", "add", "bhb0", "type", "veth", "peer", "name", "bhb1", "netns", PEER);
        in(HOST, "ip", "addr", "add", "10.7.0.3/24", "dev", "bhb0");
        in(HOST, "ip", "link", "set", "bhb0", "up");
        in(PEER, "ip", "addr", "add", "10.7.0.1/24", "dev", "bhb1");
        in(PEER, "ip", "addr", "add", "10.7.0.2/24", "dev", "bhb1");
        in(PEER, "ip", "link", "set", "bhb1", "up");
        daemon = TestSupport.startProcess(dir, List.of("ip", "netns", "exec", HOST));
        sock = dir.resolve("agent.sock");
        server = new ProcessBuilder("ip", "netns", "exec", HOST, "python3", "-c", SERVER).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!connects("10.7.0.2") && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.destroy();
        }
        TestSupport.stop(daemon);
        if (TestSupport.isRoot()) {
            TestSupport.run(null, "ip", "netns", "del", HOST);
            TestSupport.run(null, "ip", "netns", "del", PEER);
        }
    }

    static String in(String ns, String... argv) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(argv));
        List<String> out = new ArrayList<>();
        int rc = TestSupport.run(out, cmd.toArray(String[]::new));
        assertEquals(0, rc, String.join(" ", argv) + ": " + out);
        return String.join("\n", out);
    }

    static boolean connects(String from) throws Exception {
        return TestSupport.run(null, "ip", "netns", "exec", PEER, "python3", "-c", CLIENT, from) == 0;
    }

    static JsonNode call(String action, Map<String, Object> params) throws Exception {
        JsonNode r = TestSupport.call(sock, action, params);
        assertTrue(r.path("ok").asBoolean(), action + " " + r);
        return r.path("result");
    }

    @Test
    void baseRulesetClosesTheManagementPortAndAKnockOpensItForItsSourceOnly() throws Exception {
        assertTrue(connects("10.7.0.1") && connects("10.7.0.2"), "reachable before the base ruleset");
        call("firewall-base", Map.of("ports", List.of("2222")));
        call("firewall-base", Map.of("ports", List.of("2222")));
        String chain = in(HOST, "nft", "list", "chain", "inet", "blockhost-base", "input");
        assertEquals(chain.indexOf("drop"), chain.lastIndexOf("drop"), "re-applying replaces the chain: " + chain);
        assertFalse(connects("10.7.0.1"), "closed by default");
        assertFalse(connects("10.7.0.2"), "closed by default");

        call("firewall-open", Map.of("port", 2222, "proto", "tcp", "source", "10.7.0.1", "ttl", 3));
        assertTrue(connects("10.7.0.1"), "the knocked source gets in");
        assertFalse(connects("10.7.0.2"), "nobody else does");
        chain = in(HOST, "nft", "list", "chain", "inet", "blockhost-base", "input");
        assertEquals(chain.indexOf("blockhost-allow"), chain.lastIndexOf("blockhost-allow"), "one accept rule: " + chain);

        long deadline = System.currentTimeMillis() + 10_000;
        while (connects("10.7.0.1") && System.currentTimeMillis() < deadline) {
            Thread.sleep(300);
        }
        assertFalse(connects("10.7.0.1"), "the kernel closed the knock by itself");

        call("firewall-base-clear", Map.of());
        call("firewall-base-clear", Map.of());
        assertTrue(connects("10.7.0.2"), "open again without the base ruleset");
    }
}
