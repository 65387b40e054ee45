package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.TestSupport;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A host with tenant VMs, made of network namespaces: {@code host} (where the agent runs: bridge
 * {@code bhbr0} 10.77.0.1/24 with the VM ports {@code bhvm001}/{@code bhvm002}, named as the agent
 * names the NICs of blockhost-001/-002, and the public side {@code bhc0} 192.0.2.1/24, forwarding
 * on), {@code vm1} (10.77.0.10, MAC 52:54:00:00:00:0a) and {@code vm2} (10.77.0.11, MAC
 * 52:54:00:00:00:0b) behind the bridge, and {@code client} (192.0.2.2) on the public side. Each VM
 * namespace runs a real sshd on port 22; the host and the client listen on TCP {@link #MANAGEMENT}.
 */
final class TenantNetFixture implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    static final String VM1 = "10.77.0.10";
    static final String VM2 = "10.77.0.11";
    static final String GATEWAY = "10.77.0.1";
    static final String PUBLIC = "192.0.2.1";
    static final String CLIENT = "192.0.2.2";
    static final String MAC1 = "52:54:00:00:00:0a";
    static final String MAC2 = "52:54:00:00:00:0b";
    /** The host's management port in the fixture (a plain TCP listener on every address of the host). */
    static final int MANAGEMENT = 9922;
    final String host;
    final String vm1;
    final String vm2;
    final String client;
    private final List<Process> processes = new ArrayList<>();
    Path dir;
    Process daemon;
    Path sock;

    TenantNetFixture(String prefix) {
        host = prefix + "-h";
        vm1 = prefix + "-v1";
        vm2 = prefix + "-v2";
        client = prefix + "-c";
    }

    /** As a JUnit extension ({@code @RegisterExtension static}): started before the class's tests, closed after. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("bh-tenantnet");
        start(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Needs root: the namespaces, the sshds and listeners, and the agent daemon in the host namespace. */
    void start(Path workDir) throws Exception {
        assumeTrue(TestSupport.isRoot(), "needs root");
        TestSupport.ensurePackages("nftables", "iproute2", "openssh-server", "python3");
        dir = workDir;
        create(dir);
        startDaemon();
        awaitSshd();
    }

    void startDaemon() throws Exception {
        daemon = TestSupport.startProcess(dir, List.of("ip", "netns", "exec", host));
        sock = dir.resolve("agent.sock");
    }

    void stopDaemon() throws Exception {
        TestSupport.stop(daemon);
    }

    JsonNode call(String action, Map<String, Object> params) throws Exception {
        return TestSupport.call(sock, action, params);
    }

    private void create(Path dir) throws Exception {
        for (String ns : List.of(host, vm1, vm2, client)) {
            ok(null, "ip", "netns", "add", ns);
            in(ns, "ip", "link", "set", "lo", "up");
        }
        in(host, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        in(host, "ip", "link", "add", "bhbr0", "type", "bridge");
        in(host, "ip", "addr", "add", GATEWAY + "/24", "dev", "bhbr0");
        in(host, "ip", "link", "set", "bhbr0", "up");
        vm(vm1, "bhvm001", VM1, MAC1);
        vm(vm2, "bhvm002", VM2, MAC2);
        in(host, "ip", "link", "add", "bhc0", "type", "veth", "peer", "name", "eth0", "netns", client);
        in(host, "ip", "addr", "add", PUBLIC + "/24", "dev", "bhc0");
        in(host, "ip", "link", "set", "bhc0", "up");
        in(client, "ip", "addr", "add", "192.0.2.2/24", "dev", "eth0");
        in(client, "ip", "link", "set", "eth0", "up");
        in(client, "ip", "route", "add", "10.77.0.0/24", "via", PUBLIC);
        sshd(dir, vm1);
        sshd(dir, vm2);
        listen(host);
        listen(client);
    }

    static final String SERVER = "import socket\n"
            + "s=socket.socket();s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1);s.bind(('0.0.0.0'," + MANAGEMENT
            + "));s.listen()\nwhile True:\n  c,_=s.accept();c.close()\n";

    private void listen(String ns) throws Exception {
        processes.add(new ProcessBuilder("ip", "netns", "exec", ns, "python3", "-c", SERVER).start());
    }

    static final String CONNECT = "import socket,sys\n"
            + "s=socket.socket();s.settimeout(2)\nif len(sys.argv)>3: s.bind((sys.argv[3],0))\n"
            + "s.connect((sys.argv[1],int(sys.argv[2])))\n";

    /** True when a TCP connection from namespace {@code ns} (optionally from address {@code from}) is accepted. */
    boolean connects(String ns, String address, int port, String... from) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, "python3", "-c", CONNECT, address,
                Integer.toString(port)));
        cmd.addAll(List.of(from));
        return TestSupport.run(null, cmd.toArray(String[]::new)) == 0;
    }

    private void vm(String ns, String port, String address, String mac) throws Exception {
        in(host, "ip", "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns);
        in(host, "ip", "link", "set", port, "master", "bhbr0");
        in(host, "ip", "link", "set", port, "up");
        in(ns, "ip", "link", "set", "eth0", "address", mac);
        in(ns, "ip", "addr", "add", address + "/24", "dev", "eth0");
        in(ns, "ip", "link", "set", "eth0", "up");
        in(ns, "ip", "route", "add", "default", "via", GATEWAY);
    }

    private void sshd(Path dir, String ns) throws Exception {
        // sshd refuses to start without its privilege separation directory, which only a running system (its unit's
        // RuntimeDirectory, or the init script) makes: a fresh machine without systemd has none (seen in a CI run)
        Files.createDirectories(Path.of("/run/sshd"));
        Path key = dir.resolve(ns + "-hostkey");
        ok(null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        Path cfg = dir.resolve(ns + "-sshd.conf");
        Files.writeString(cfg, "Port 22\nHostKey " + key + "\nPidFile " + dir.resolve(ns + "-sshd.pid")
                + "\nUsePAM no\nPasswordAuthentication no\n");
        processes.add(new ProcessBuilder("ip", "netns", "exec", ns, "/usr/sbin/sshd", "-D", "-e", "-f", cfg.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(ns + "-sshd.log").toFile()).start());
    }

    /** Runs a command inside a namespace; it must succeed; returns its output. */
    String in(String ns, String... argv) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(argv));
        List<String> out = new ArrayList<>();
        ok(out, cmd.toArray(String[]::new));
        return String.join("\n", out);
    }

    private static void ok(List<String> out, String... argv) throws Exception {
        List<String> o = out == null ? new ArrayList<>() : out;
        assertEquals(0, TestSupport.run(o, argv), String.join(" ", argv) + ": " + o);
    }

    static final String BANNER = "import socket,sys\n"
            + "s=socket.socket();s.settimeout(2);s.connect((sys.argv[1],int(sys.argv[2])))\n"
            + "b=s.recv(64)\nsys.exit(0 if b.startswith(b'SSH-2.0-') else 3)\n";

    /** True when an SSH banner comes back from {@code address:port}, connecting from namespace {@code ns}. */
    boolean sshBanner(String ns, String address, int port) throws Exception {
        return TestSupport.run(null, "ip", "netns", "exec", ns, "python3", "-c", BANNER, address,
                Integer.toString(port)) == 0;
    }

    /** Waits until both sshds answer directly (before any rule exists). */
    void awaitSshd() throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            if (sshBanner(host, VM1, 22) && sshBanner(host, VM2, 22) && connects(vm1, GATEWAY, MANAGEMENT)
                    && connects(vm1, CLIENT, MANAGEMENT)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the VM namespaces' sshd or the listeners did not come up (sshd's logs: "
                + dir.resolve(vm1 + "-sshd.log") + ": " + tail(dir.resolve(vm1 + "-sshd.log")) + ")");
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log).strip();
            return text.substring(Math.max(0, text.length() - 300));
        } catch (java.io.IOException e) {
            return "unreadable";
        }
    }

    @Override
    public void close() throws Exception {
        TestSupport.stop(daemon);
        if (!TestSupport.isRoot()) {
            return;
        }
        for (Process p : processes) {
            p.destroy();
            p.waitFor();
        }
        for (String ns : List.of(host, vm1, vm2, client)) {
            TestSupport.run(null, "ip", "netns", "del", ns);
        }
    }
}
