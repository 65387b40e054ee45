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
 * the way the ISO's first boot calls it and finds the host: the uplink {@code bh0} holds a lease of the
 * installer's {@code dhclient} (ifupdown's, not the agent's: its pid file is the daemon's
 * {@code /run/dhclient.bh0.pid}, read-only as under the unit), d-i's stanza for it in
 * {@code /etc/network/interfaces}, and {@code dnsmasq} in the gateway namespace hands out 192.0.2.50–60
 * with router 192.0.2.1. While the router drops echo requests the bridge is rolled back (no bridge,
 * {@code bh0} in none with its address and route, no agent client left, no files, the installer's file
 * byte-equal and its client running); once it answers, {@code br7} holds {@code bh0} and a lease of its
 * own from the agent's client (the same address: same MAC), the default route goes through it, the files
 * say {@code inet dhcp}, the installer's stanza left its file (backup kept) and its client stopped: what
 * first boot's shell did before (it now leaves both to the agent; FirstBootIT). The daemon has only its unit's capabilities (as
 * root with securebit {@code noroot}): {@code dhclient} must be able to bind port 68; and it sees
 * {@code /etc} read-only except {@code resolv.conf}, as under the unit's {@code ProtectSystem=strict}:
 * Debian's {@code dhclient-script} failed there (its temporary file next to resolv.conf) and dhclient
 * declined every lease, as seen in the ISO stand-in.
 */
class NetnsHostBridgeDhcpTest {
    @TempDir
    static Path dir;
    static DhcpNetns net;
    static String ns;
    static String gw;
    static Process daemon;
    static Path sock;
    static Path IFUP_PID;
    /** d-i's file for a DHCP uplink (as FirstBootIT's overlay has it). */
    static final String INSTALLER = "source /etc/network/interfaces.d/*\n\nauto lo\niface lo inet loopback\n\n"
            + "allow-hotplug bh0\niface bh0 inet dhcp\n# This is an autoconfigured IPv6 interface\niface bh0 inet6 auto\n";

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestSupport.isRoot(), "needs root");
        IFUP_PID = dir.resolve("run/dhclient.bh0.pid");
        net = DhcpNetns.create("bh-bd", dir);
        ns = net.ns;
        gw = net.gw;
        in(ns, "ip", "link", "set", "bh0", "up");
        net.dhcpServer("192.0.2.1");
        // the installer's client, as ifupdown starts it: its own pid and lease files, not the agent's; the
        // pid file in what the daemon sees as /run
        Files.createDirectories(dir.resolve("run"));
        in(ns, "dhclient", "-4", "-1", "-pf", IFUP_PID.toString(), "-lf",
                dir.resolve("ifup.bh0.leases").toString(), "bh0");
        // root without root's automatic capabilities: only those of the agent's unit (dhclient binds port 68)
        String caps = unitCapabilities();
        // and /etc read-only but for resolv.conf, as ProtectSystem=strict + ReadWritePaths leave it to the unit,
        // /run read-only too (ifupdown's pid files are there)
        Files.createDirectories(dir.resolve("network"));
        Files.writeString(dir.resolve("network/interfaces"), INSTALLER, java.nio.file.StandardOpenOption.CREATE_NEW);
        daemon = TestSupport.startProcess(dir, List.of("ip", "netns", "exec", ns, "unshare", "--mount", "--propagation", "private",
                "sh", "-c", "mount --rbind /etc /etc && mount -o remount,bind,ro /etc && mount --bind \"$0\" /run"
                + " && mount -o remount,bind,ro /run && exec \"$@\"", dir.resolve("run").toString(), "setpriv", "--securebits", "+noroot",
                "--inh-caps", "-all," + caps, "--ambient-caps", "-all," + caps, "--bounding-set", "-all," + caps));
        sock = dir.resolve("agent.sock");
    }

    @AfterAll
    static void stop() throws Exception {
        TestSupport.stop(daemon);
        if (net != null) {
            for (String pid : List.of("run/dhclient.bh0.pid", "state/dhclient.br7.pid", "state/dhclient.bh0.pid")) {
                DhcpNetns.kill(dir.resolve(pid));
            }
            net.close();
        }
    }

    /** The unit's CapabilityBoundingSet as setpriv's list ({@code +net_admin,+net_raw,...}). */
    static String unitCapabilities() throws Exception {
        String unit = Files.readString(Path.of("src/main/systemd/blockhost-root-agent.service"));
        Matcher m = Pattern.compile("(?m)^CapabilityBoundingSet=(.+)$").matcher(unit);
        assertTrue(m.find(), "the unit names its capabilities");
        return String.join(",", java.util.Arrays.stream(m.group(1).trim().split("\\s+"))
                .map(c -> "+" + c.toLowerCase(java.util.Locale.ROOT).replaceFirst("^cap_", "")).toList());
    }

    static String in(String namespace, String... argv) throws Exception {
        return TestSupport.inNetns(namespace, argv);
    }

    static String leased(String device) throws Exception {
        String addrs = in(ns, "ip", "-4", "addr", "show", "dev", device);
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
        assertTrue(in(ns, "ip", "-4", "route", "show", "default").contains("via 192.0.2.1 dev bh0"));
        Path uplinkFile = dir.resolve("network/interfaces.d/blockhost-bh0");
        Path bridgeFile = dir.resolve("network/interfaces.d/blockhost-br7");
        Path bridgeClient = dir.resolve("state/dhclient.br7.pid");

        in(gw, "sysctl", "-q", "-w", "net.ipv4.icmp_echo_ignore_all=1");
        JsonNode silent = create();
        in(gw, "sysctl", "-q", "-w", "net.ipv4.icmp_echo_ignore_all=0");
        assertFalse(silent.path("ok").asBoolean(), silent.toString());
        assertTrue(silent.path("error").asText().contains("restored"), silent.toString());
        assertFalse(in(ns, "ip", "link", "show").contains("br7"), "no bridge left");
        assertFalse(in(ns, "ip", "link", "show", "dev", "bh0").contains("master"), "bh0 in no bridge");
        assertEquals(address, leased("bh0"), "the uplink's address is back");
        assertTrue(in(ns, "ip", "-4", "route", "show", "default").contains("via 192.0.2.1 dev bh0"));
        assertFalse(DhcpNetns.running(bridgeClient), "no agent client left");
        assertFalse(Files.exists(uplinkFile) || Files.exists(bridgeFile), "no files");
        Path installer = dir.resolve("network/interfaces");
        assertEquals(INSTALLER, Files.readString(installer), "the installer's file byte-equal after a rollback");
        assertTrue(DhcpNetns.running(IFUP_PID), "ifupdown's client still renews the uplink's lease");

        Path resolv = Path.of("/etc/netns", ns, "resolv.conf");
        Files.writeString(resolv, "nameserver 192.0.2.1\n");
        JsonNode ok = create();
        assertTrue(ok.path("ok").asBoolean() && ok.path("result").path("applied").asBoolean(), ok.toString());
        assertEquals("dhcp", ok.path("result").path("addressing").asText(), ok.toString());
        assertTrue(in(ns, "ip", "link", "show", "dev", "bh0").contains("master br7"));
        assertEquals(address, leased("br7"), "the bridge leased the uplink's address (same MAC)");
        assertTrue(in(ns, "ip", "-4", "addr", "show", "dev", "br7").contains("dynamic"), "a lease, not a static address");
        assertEquals("", leased("bh0"));
        assertTrue(in(ns, "ip", "-4", "route", "show", "default").contains("via 192.0.2.1 dev br7"));
        assertTrue(DhcpNetns.running(bridgeClient), "the agent's client renews the bridge's lease");
        assertEquals("nameserver " + DhcpNetns.DNS + "\n", Files.readString(resolv), "the lease's name server, written in place");
        in(ns, "ping", "-c", "1", "-W", "2", "192.0.2.1");
        assertTrue(Files.readString(bridgeFile).contains("iface br7 inet dhcp\n    bridge_ports bh0\n"), Files.readString(bridgeFile));
        assertEquals("iface bh0 inet manual\n", Files.readString(uplinkFile));
        String left = Files.readString(installer);
        assertFalse(left.contains("bh0"), "bh0 left the installer's file: " + left);
        assertTrue(left.contains("auto lo\niface lo inet loopback\n") && left.contains("source "), left);
        assertEquals(INSTALLER, Files.readString(dir.resolve("state/interfaces.before-blockhost")), "the file before, kept");
        long ifup = Long.parseLong(Files.readString(IFUP_PID).strip());
        assertTrue(ProcessHandle.of(ifup).map(h -> h.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join())
                .map(h -> !h.isAlive()).orElse(true), "ifupdown's client for bh0 stopped (the bridge renews its own lease)");

        JsonNode bad = TestSupport.call(sock, "host-bridge-create", Map.of("bridge", "br8", "uplink", "bh0", "addressing", "static"));
        assertEquals("rejected", bad.path("kind").asText(), bad.toString());
    }
}
