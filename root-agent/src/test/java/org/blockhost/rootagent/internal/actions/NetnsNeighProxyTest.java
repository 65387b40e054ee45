package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * ip6-proxy-add/-del against the real kernel, for an IPv6 prefix that is on-link at the provider:
 * namespace {@code up} (the upstream router, fd00:b10c::1/64 on {@code up0}) shares a link with the
 * host's uplink {@code bhu0} (fd00:b10c::2/64); the host (where the daemon runs) routes the VM's
 * /128 fd00:b10c::42 to {@code bhv0}, the veth to namespace {@code vm} that holds that address.
 * The upstream router asks for ::42 with a Neighbour Solicitation on the uplink: only the proxy
 * entry makes the host answer it.
 */
class NetnsNeighProxyTest {
    static final String PID = Long.toString(ProcessHandle.current().pid());
    static final String HOST = "bh-np-h-" + PID;
    static final String UP = "bh-np-u-" + PID;
    static final String VM = "bh-np-v-" + PID;
    static final String VM_ADDRESS = "fd00:b10c::42";
    static final Map<String, Object> ENTRY = Map.of("address", VM_ADDRESS, "uplink", "bhu0");

    @TempDir
    static Path dir;
    static Process daemon;
    static Path sock;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestSupport.isRoot(), "needs root");
        TestSupport.ensurePackages("iproute2", "iputils-ping");
        for (String ns : new String[] {HOST, UP, VM}) {
            assertEquals(0, TestSupport.run(null, "ip", "netns", "add", ns));
            TestSupport.inNetns(ns, "ip", "link", "set", "lo", "up");
        }
        TestSupport.inNetns(HOST, "ip", "link", "add", "bhu0", "type", "veth", "peer", "name", "up0", "netns", UP);
        TestSupport.inNetns(HOST, "ip", "link", "add", "bhv0", "type", "veth", "peer", "name", "vm0", "netns", VM);
        TestSupport.inNetns(HOST, "sysctl", "-q", "-w", "net.ipv6.conf.bhu0.accept_ra=1");
        up(UP, "up0", "fd00:b10c::1/64");
        up(HOST, "bhu0", "fd00:b10c::2/64");
        up(HOST, "bhv0", "fe80::1/64");
        up(VM, "vm0", VM_ADDRESS + "/128");
        TestSupport.inNetns(VM, "ip", "-6", "route", "add", "default", "via", "fe80::1", "dev", "vm0");
        daemon = TestSupport.startProcess(dir, List.of("ip", "netns", "exec", HOST));
        sock = dir.resolve("agent.sock");
        ok("ip6-route-add", Map.of("address", VM_ADDRESS, "device", "bhv0"));
    }

    static void up(String ns, String dev, String address) throws Exception {
        TestSupport.inNetns(ns, "ip", "-6", "addr", "add", address, "dev", dev, "nodad");
        TestSupport.inNetns(ns, "ip", "link", "set", dev, "up");
    }

    @AfterAll
    static void stop() throws Exception {
        TestSupport.stop(daemon);
        if (TestSupport.isRoot()) {
            for (String ns : new String[] {HOST, UP, VM}) {
                TestSupport.run(null, "ip", "netns", "del", ns);
            }
        }
    }

    static JsonNode ok(String action, Map<String, Object> params) throws Exception {
        JsonNode r = TestSupport.call(sock, action, params);
        assertTrue(r.path("ok").asBoolean(), action + " " + r);
        return r.path("result");
    }

    static boolean upstreamReachesTheVm() throws Exception {
        TestSupport.run(null, "ip", "netns", "exec", UP, "ip", "-6", "neigh", "flush", "dev", "up0");
        return TestSupport.run(null, "ip", "netns", "exec", UP, "ping", "-6", "-n", "-q", "-c", "1", "-W", "3",
                VM_ADDRESS) == 0;
    }

    static String sysctl(String name) throws Exception {
        return TestSupport.inNetns(HOST, "cat", "/proc/sys/net/ipv6/conf/" + name).strip();
    }

    @Test
    void theUpstreamRouterReachesTheVmOnlyThroughTheProxyEntry() throws Exception {
        TestSupport.inNetns(HOST, "sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1");
        assertEquals("0", sysctl("bhu0/proxy_ndp"));
        assertTrue(TestSupport.inNetns(VM, "ping", "-6", "-n", "-q", "-c", "1", "-W", "3", "fd00:b10c::2")
                .contains("1 received"), "the VM reaches the host through its route");
        assertFalse(upstreamReachesTheVm(), "route and forwarding alone: nobody answers the upstream's solicitation");

        JsonNode r = ok("ip6-proxy-add", ENTRY);
        assertTrue(r.path("applied").asBoolean(), r.toString());
        assertEquals("1", sysctl("bhu0/proxy_ndp"));
        assertEquals("1", sysctl("all/forwarding"));
        assertEquals("2", sysctl("bhu0/accept_ra"), "the uplink keeps taking router advertisements with forwarding on");
        assertTrue(TestSupport.inNetns(HOST, "ip", "-6", "neigh", "show", "proxy").contains(VM_ADDRESS + " dev bhu0"));
        assertTrue(upstreamReachesTheVm(), "the host answers for the VM's address on the uplink");
        ok("ip6-proxy-add", ENTRY);
        String shown = TestSupport.inNetns(HOST, "ip", "-6", "neigh", "show", "proxy");
        assertEquals(shown.indexOf(VM_ADDRESS), shown.lastIndexOf(VM_ADDRESS), "added once: " + shown);

        assertTrue(ok("ip6-proxy-del", ENTRY).path("removed").asBoolean());
        assertFalse(TestSupport.inNetns(HOST, "ip", "-6", "neigh", "show", "proxy").contains(VM_ADDRESS));
        assertFalse(upstreamReachesTheVm(), "deleted: unreachable again");
        assertFalse(ok("ip6-proxy-del", ENTRY).path("removed").asBoolean(), "a second delete is not an error");
    }

    @Test
    void invalidEntriesAreRejectedAndAMissingUplinkFails() throws Exception {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("address", "fd00:dead::42", "uplink", "bhu0"),
                Map.of("address", "fd00:b10c::/120", "uplink", "bhu0"),
                Map.of("address", "10.0.0.42", "uplink", "bhu0"),
                Map.of("address", VM_ADDRESS, "uplink", "lo"),
                Map.of("address", VM_ADDRESS, "uplink", "all"),
                Map.of("address", VM_ADDRESS, "uplink", "default"),
                Map.of("address", VM_ADDRESS, "uplink", "../all"),
                Map.of("address", VM_ADDRESS, "uplink", "bhu0;reboot"),
                Map.of("address", VM_ADDRESS),
                Map.of("address", VM_ADDRESS, "uplink", "bhu0", "device", "bhv0"))) {
            JsonNode r = TestSupport.call(sock, "ip6-proxy-add", bad);
            assertEquals("rejected", r.path("kind").asText(), bad + " " + r);
        }
        JsonNode r = TestSupport.call(sock, "ip6-proxy-add", Map.of("address", VM_ADDRESS, "uplink", "nosuch0"));
        assertEquals("failed", r.path("kind").asText(), r.toString());
        assertTrue(r.path("error").asText().contains("no interface nosuch0"), r.toString());
    }
}
