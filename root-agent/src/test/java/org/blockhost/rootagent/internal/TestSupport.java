package org.blockhost.rootagent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.daemon.Daemon;
import org.blockhost.rootagent.internal.daemon.DaemonArgs;
import org.blockhost.rootagent.internal.protocol.Frames;
import org.blockhost.rootagent.internal.protocol.Wire;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** Shared helpers: daemon layouts in a temp dir, raw socket clients, tool checks. */
public final class TestSupport {
    private TestSupport() {
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static boolean has(String program) {
        return org.blockhost.rootagent.internal.exec.CommandRunner.find(program) != null;
    }

    /** Daemon flags for a layout under {@code dir} (keys, vms, templates, state, socket). */
    public static List<String> flags(Path dir, String... extra) throws IOException {
        for (String d : new String[] {"keys", "vms", "templates", "state"}) {
            Files.createDirectories(dir.resolve(d));
        }
        List<String> f = new ArrayList<>(List.of("--socket", dir.resolve("agent.sock").toString(), "--group", "daemon", "--user", "daemon",
                "--state-dir", dir.resolve("state").toString(), "--keys-dir", dir.resolve("keys").toString(),
                "--vm-dir", dir.resolve("vms").toString(), "--template-dir", dir.resolve("templates").toString(),
                "--issue-dir", dir.resolve("issue.d").toString(), "--libvirt-uri", "test:///default", "--rate", "100000", "--ip6-prefix", "fd00:b10c::/64"));
        f.addAll(List.of(extra));
        return f;
    }

    public static Daemon startInJvm(Path dir, String... extra) throws IOException {
        return Daemon.start(DaemonArgs.parse(flags(dir, extra).toArray(String[]::new)));
    }

    /** Starts the daemon in another JVM, optionally behind a prefix such as {@code ip netns exec NS}. */
    public static Process startProcess(Path dir, List<String> prefix, String... extra) throws Exception {
        String cp = System.getProperty("blockhost.test.classes") + ":"
                + Files.readString(Path.of(System.getProperty("blockhost.test.classpath.file"))).strip();
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms16m", "-Xmx64m", "-XX:MaxMetaspaceSize=64m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-cp", cp,
                "org.blockhost.rootagent.internal.daemon.Main"));
        cmd.addAll(flags(dir, extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("daemon.log").toFile()).start();
        waitForSocket(dir.resolve("agent.sock"), p);
        return p;
    }

    static void waitForSocket(Path sock, Process p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(sock) && Files.getAttribute(sock, "unix:mode") != null
                    && (((Integer) Files.getAttribute(sock, "unix:mode")) & 0777) == 0660) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("daemon exited with " + p.exitValue());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("daemon socket did not appear");
    }

    public static void stop(Process p) throws InterruptedException {
        if (p != null) {
            p.destroy();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    public static AFUNIXSocket connect(Path sock) throws IOException {
        AFUNIXSocket s = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(sock));
        s.setSoTimeout(10_000);
        return s;
    }

    /** Sends raw bytes and reads one response frame (null when the daemon closed). */
    public static JsonNode exchange(AFUNIXSocket s, byte[] raw) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(raw);
        out.flush();
        InputStream in = s.getInputStream();
        byte[] f = Frames.read(in);
        return f == null ? null : Wire.JSON.readTree(f);
    }

    public static byte[] frame(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[b.length + 4];
        f[0] = (byte) (b.length >>> 24);
        f[1] = (byte) (b.length >>> 16);
        f[2] = (byte) (b.length >>> 8);
        f[3] = (byte) b.length;
        System.arraycopy(b, 0, f, 4, b.length);
        return f;
    }

    public static JsonNode call(Path sock, String action, Map<String, Object> params) throws IOException {
        try (AFUNIXSocket s = connect(sock)) {
            return exchange(s, frame(new String(Wire.request(action, params), StandardCharsets.UTF_8)));
        }
    }

    /** Runs a command (argv), returns exit code; output to the given list if not null. */
    public static int run(List<String> out, String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String o = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (out != null) {
            out.add(o);
        }
        return rc;
    }

    /** Runs argv inside network namespace {@code ns} ({@code ip netns exec}); its output; fails on a non-zero exit. */
    public static String inNetns(String ns, String... argv) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(argv));
        List<String> out = new ArrayList<>();
        int rc = run(out, cmd.toArray(String[]::new));
        if (rc != 0) {
            throw new AssertionError(String.join(" ", argv) + " exited " + rc + ": " + out);
        }
        return out.get(0);
    }

    /** Installs missing Debian packages through src/test/setup.sh (root only). */
    public static synchronized void ensurePackages(String... packages) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", System.getProperty("blockhost.test.setup")));
        cmd.addAll(List.of(packages));
        List<String> out = new ArrayList<>();
        int rc = run(out, cmd.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("setup.sh failed: " + out);
        }
    }

    /** Like {@link #ensurePackages} and sets QEMU user/group root in qemu.conf. */
    public static synchronized void ensureQemuAsRoot(String... packages) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", System.getProperty("blockhost.test.setup"), "--qemu-root"));
        cmd.addAll(List.of(packages));
        List<String> out = new ArrayList<>();
        int rc = run(out, cmd.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("setup.sh failed: " + out);
        }
    }
}
