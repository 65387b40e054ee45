package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A pool guest's file tree for running vm-assign's script with a real {@code sh}: the script's
 * {@code /etc/} and {@code /run/} are mapped to {@code <root>/etc/} and {@code <root>/run/}, the kernel's
 * host name to {@code <root>/calls/hostname}, and its {@code PATH} starts with stubs of the programs that would
 * touch the host ({@code hostname}, {@code systemctl}, {@code usermod}, {@code getent}) or that the script no
 * longer needs to start, which record their arguments in {@code <root>/calls/<program>}; {@code ssh-keygen}
 * and {@code sed} are the real ones.
 */
final class GuestTree {
    static final String OLD_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOldPoolKeyOldPoolKeyOldPoolKeyOldPoolKey00 root@pool";
    /** The module lists of Debian 12's {@code /etc/cloud/cloud.cfg} (cloud-init 22.4), abridged. */
    static final String CLOUD_CFG = "users:\n   - default\ndisable_root: true\npreserve_hostname: false\n"
            + "cloud_init_modules:\n - migrator\n - seed_random\n - bootcmd\n - write-files\n - growpart\n - resizefs\n"
            + " - disk_setup\n - mounts\n - set_hostname\n - update_hostname\n - update_etc_hosts\n - ca-certs\n"
            + " - rsyslog\n - users-groups\n - ssh\ncloud_config_modules:\n - locale\n - runcmd\n";
    final Path root;

    private GuestTree(Path root) {
        this.root = root;
    }

    /** A booted pool VM {@code blockhost-900000001} whose user {@code admin} has {@code gecos}. */
    static GuestTree pool(Path root, String gecos) throws IOException {
        GuestTree g = new GuestTree(root);
        g.write("etc/hostname", "blockhost-900000001\n");
        g.write("etc/hosts", "127.0.0.1 localhost\n127.0.1.1 blockhost-900000001 blockhost-900000001\n");
        g.write("etc/cloud/cloud.cfg", CLOUD_CFG);
        g.write("etc/pam_web3.conf", "host = 192.0.2.2\nmachine = blockhost-900000001\nchain_id = 31337\n");
        for (String t : List.of("rsa", "ecdsa", "ed25519")) {
            g.write("etc/ssh/ssh_host_" + t + "_key", "old private key\n");
            g.write("etc/ssh/ssh_host_" + t + "_key.pub", OLD_KEY + "\n");
        }
        g.write("etc/passwd", "root:x:0:0:root:/root:/bin/bash\nadmin:x:1000:1000:" + gecos + ":/home/admin:/bin/bash\n");
        for (String stub : List.of("hostname", "systemctl", "usermod", "getent", "awk", "cut", "cat", "chown", "chmod", "mv")) {
            g.stub(stub, "printf '%s\\n' \"$*\" >>" + root.resolve("calls/" + stub) + "\n");
        }
        Files.createDirectories(root.resolve("calls"));
        Files.createDirectories(root.resolve("run"));
        return g;
    }

    /**
     * A running sshd stand-in (a process named {@code sshd}, pid in {@code <root>/run/sshd.pid}) that records
     * each SIGHUP in {@code <root>/calls/sshd}; stop it with {@link Process#destroy()}.
     */
    Process sshd() throws IOException, InterruptedException {
        stub("sshd", "trap 'echo HUP >>" + root.resolve("calls/sshd") + "' HUP\necho up >" + root.resolve("run/up")
                + "\nwhile :; do sleep 0.05; done\n");
        Files.createDirectories(root.resolve("run"));
        Process p = new ProcessBuilder(root.resolve("bin/sshd").toString()).start();
        Files.writeString(root.resolve("run/sshd.pid"), p.pid() + "\n");
        for (int i = 0; i < 100 && !Files.exists(root.resolve("run/up")); i++) {
            Thread.sleep(20);
        }
        return p;
    }

    /** The stub of {@code program} exits 1. */
    void failing(String program) throws IOException {
        stub(program, "exit 1\n");
    }

    /** Runs the script as the agent does: {@code sh -c <script> vm-assign ARGS}. */
    Run assign(String... args) throws IOException, InterruptedException {
        String script = GuestAssign.SCRIPT.replace("PATH=/usr/sbin:/usr/bin:/sbin:/bin", "PATH=" + root.resolve("bin") + ":/usr/bin:/bin")
                .replace("/etc/", root.resolve("etc") + "/").replace("/run/", root.resolve("run") + "/")
                .replace("/proc/sys/kernel/hostname", root.resolve("calls/hostname").toString());
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", script, GuestAssign.NAME));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    record Run(int exit, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    String read(String file) throws IOException {
        return Files.readString(root.resolve(file));
    }

    List<String> list(String d) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve(d))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void write(String file, String text) throws IOException {
        Path p = root.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private void stub(String program, String body) throws IOException {
        Path p = root.resolve("bin/" + program);
        write("bin/" + program, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
