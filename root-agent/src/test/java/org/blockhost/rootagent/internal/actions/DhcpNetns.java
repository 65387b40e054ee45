package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.blockhost.rootagent.internal.TestSupport;

/**
 * The DHCP tests' network: namespace {@code ns} (loopback up, the veth {@code bh0}, its own
 * {@code /etc/netns/<ns>/resolv.conf}, which {@code dhclient-script} rewrites) joined to namespace
 * {@code gw} ({@code bh1} = 192.0.2.1/24), where {@link #dhcpServer} runs {@code dnsmasq} handing out
 * 192.0.2.50–60. Needs root; {@link #close} removes both namespaces.
 */
final class DhcpNetns implements AutoCloseable {
    final String ns;
    final String gw;
    private final Path dir;
    private Process dnsmasq;

    private DhcpNetns(String prefix, Path dir) {
        this.ns = prefix + "n-" + ProcessHandle.current().pid();
        this.gw = prefix + "g-" + ProcessHandle.current().pid();
        this.dir = dir;
    }

    static DhcpNetns create(String prefix, Path dir) throws Exception {
        TestSupport.ensurePackages("iproute2", "iputils-ping", "isc-dhcp-client", "dnsmasq-base");
        DhcpNetns n = new DhcpNetns(prefix, dir);
        assertEquals(0, TestSupport.run(null, "ip", "netns", "add", n.ns));
        assertEquals(0, TestSupport.run(null, "ip", "netns", "add", n.gw));
        Files.createDirectories(Path.of("/etc/netns", n.ns));
        Files.writeString(Path.of("/etc/netns", n.ns, "resolv.conf"), "nameserver 192.0.2.1\n");
        n.in(n.ns, "ip", "link", "set", "lo", "up");
        n.in(n.ns, "ip", "link", "add", "bh0", "type", "veth", "peer", "name", "bh1");
        n.in(n.ns, "ip", "link", "set", "bh1", "netns", n.gw);
        n.in(n.gw, "ip", "addr", "add", "192.0.2.1/24", "dev", "bh1");
        n.in(n.gw, "ip", "link", "set", "bh1", "up");
        return n;
    }

    String in(String namespace, String... argv) throws Exception {
        return TestSupport.inNetns(namespace, argv);
    }

    /** The name server every lease names (nothing answers there: dhclient-script writes it into resolv.conf). */
    static final String DNS = "192.0.2.53";

    /** (Re)starts dnsmasq in {@code gw}: leases 192.0.2.50–60 for 1 h with this router and name server {@link #DNS}. */
    void dhcpServer(String router) throws Exception {
        TestSupport.stop(dnsmasq);
        dnsmasq = new ProcessBuilder(List.of("ip", "netns", "exec", gw, "dnsmasq", "--keep-in-foreground",
                "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--port=0", "--user=root", "--interface=bh1",
                "--bind-interfaces", "--dhcp-authoritative", "--dhcp-range=192.0.2.50,192.0.2.60,255.255.255.0,1h",
                "--dhcp-option=option:router," + router, "--dhcp-option=option:dns-server," + DNS, "--dhcp-leasefile=" + dir.resolve("leases-" + router),
                "--log-facility=-")).redirectErrorStream(true).redirectOutput(dir.resolve("dnsmasq.log").toFile()).start();
        Thread.sleep(300);
        assertTrue(dnsmasq.isAlive(), "dnsmasq runs");
    }

    /** Kills the dhclient whose pid is in this file, if any. */
    static void kill(Path pid) throws Exception {
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    static boolean running(Path pid) throws Exception {
        return Files.exists(pid) && ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
                .map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void close() throws Exception {
        TestSupport.stop(dnsmasq);
        TestSupport.run(null, "ip", "netns", "del", ns);
        TestSupport.run(null, "ip", "netns", "del", gw);
        Files.deleteIfExists(Path.of("/etc/netns", ns, "resolv.conf"));
        Files.deleteIfExists(Path.of("/etc/netns", ns));
    }
}
