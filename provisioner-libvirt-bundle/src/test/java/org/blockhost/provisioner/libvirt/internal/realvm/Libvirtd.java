package org.blockhost.provisioner.libvirt.internal.realvm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** virtlogd, then libvirtd on a private socket, started by the test and stopped by their processes. */
final class Libvirtd implements AutoCloseable {
    final String uri;
    private final List<Process> started = new ArrayList<>();

    private Libvirtd(String uri) {
        this.uri = uri;
    }

    static Libvirtd start(Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path conf = dir.resolve("libvirtd.conf");
        Files.writeString(conf, "unix_sock_dir = \"" + run + "\"\nunix_sock_rw_perms = \"0700\"\n"
                + "auth_unix_rw = \"none\"\nauth_unix_ro = \"none\"\n");
        Libvirtd d = new Libvirtd("qemu:///system?socket=" + run.resolve("libvirt-sock"));
        if (Host.run("pgrep", "-x", "virtlogd") != 0) {
            Files.deleteIfExists(Path.of("/run/libvirt/virtlogd-sock"));
            d.started.add(new ProcessBuilder("virtlogd").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("virtlogd.log").toFile()).start());
        }
        d.started.add(new ProcessBuilder("libvirtd", "-f", conf.toString(), "-p", dir.resolve("libvirtd.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("libvirtd.log").toFile()).start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Host.run("virsh", "-c", d.uri, "uri") != 0) {
            if (System.nanoTime() > deadline) {
                d.close();
                boolean other = Host.run("pgrep", "-x", "libvirtd") == 0;
                throw new IllegalStateException("libvirtd did not come up" + (other ? " (another libvirtd is running)" : "")
                        + "; its log ends: " + tail(dir.resolve("libvirtd.log")));
            }
            Thread.sleep(300);
        }
        return d;
    }

    /** The last 1000 characters of a log (the temp dir is gone after the test). */
    private static String tail(Path log) {
        try {
            String s = Files.readString(log);
            return s.length() > 1000 ? s.substring(s.length() - 1000) : s;
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            p.destroy();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
