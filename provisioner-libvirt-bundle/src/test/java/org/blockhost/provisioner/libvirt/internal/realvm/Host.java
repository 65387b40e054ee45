package org.blockhost.provisioner.libvirt.internal.realvm;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Host helpers for the real-VM test: commands, packages, SSH banners, process RSS. */
final class Host {
    private Host() {
    }

    static int run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** apt-get installs the packages dpkg does not know as installed. */
    static void ensurePackages(String... pkgs) throws IOException, InterruptedException {
        List<String> missing = new ArrayList<>();
        for (String p : pkgs) {
            if (run("dpkg", "-s", p) != 0) {
                missing.add(p);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends"));
        cmd.addAll(missing);
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO().redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        if (pb.start().waitFor() != 0) {
            throw new IOException("apt-get install " + missing + " failed");
        }
    }

    /** The SSH identification line, or null when none arrives within the timeout. */
    static String banner(int port, int timeoutMs) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            InputStream in = s.getInputStream();
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n' && b.length() < 255) {
                b.append((char) c);
            }
            String line = b.toString().trim();
            return line.startsWith("SSH-") ? line : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** RSS in KiB of the QEMU process running {@code guest}, or -1. */
    static long qemuRssKib(String guest) throws IOException {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                if (!p.getFileName().toString().matches("[0-9]+")) {
                    continue;
                }
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.startsWith("/usr/bin/qemu-system") && cmd.contains("guest=" + guest + ",")) {
                        for (String l : Files.readAllLines(p.resolve("status"))) {
                            if (l.startsWith("VmRSS:")) {
                                return Long.parseLong(l.replaceAll("[^0-9]", ""));
                            }
                        }
                    }
                } catch (IOException e) {
                    // process gone
                }
            }
        }
        return -1;
    }
}
