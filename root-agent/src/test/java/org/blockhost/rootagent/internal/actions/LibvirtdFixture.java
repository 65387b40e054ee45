package org.blockhost.rootagent.internal.actions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.blockhost.rootagent.internal.TestSupport;

/** A libvirtd for tests: the system one if it answers, else virtlogd + libvirtd started here. */
final class LibvirtdFixture implements AutoCloseable {
    private final String uri;
    private final List<Process> started;

    private LibvirtdFixture(String uri, List<Process> started) {
        this.uri = uri;
        this.started = started;
    }

    String uri() {
        return uri;
    }

    static LibvirtdFixture start(Path dir) throws Exception {
        if (TestSupport.run(null, "virsh", "-c", "qemu:///system", "uri") == 0) {
            return new LibvirtdFixture("qemu:///system", List.of());
        }
        Path run = Files.createDirectories(dir.resolve("run"));
        Path conf = dir.resolve("libvirtd.conf");
        Files.writeString(conf, "unix_sock_dir = \"" + run + "\"\nunix_sock_rw_perms = \"0700\"\n"
                + "auth_unix_rw = \"none\"\nauth_unix_ro = \"none\"\n");
        List<Process> procs = new ArrayList<>();
        if (!Files.exists(Path.of("/run/libvirt/virtlogd-sock"))
                || TestSupport.run(null, "pgrep", "-x", "virtlogd") != 0) {
            Files.deleteIfExists(Path.of("/run/libvirt/virtlogd-sock"));
            procs.add(new ProcessBuilder("virtlogd").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("virtlogd.log").toFile()).start());
        }
        procs.add(new ProcessBuilder("libvirtd", "-f", conf.toString(), "-p", dir.resolve("libvirtd.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("libvirtd.log").toFile()).start());
        String uri = "qemu:///system?socket=" + run.resolve("libvirt-sock");
        LibvirtdFixture f = new LibvirtdFixture(uri, procs);
        f.await();
        return f;
    }

    private void await() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (TestSupport.run(null, "virsh", "-c", uri, "uri") == 0) {
                return;
            }
            Thread.sleep(300);
        }
        close();
        throw new IllegalStateException("libvirtd did not come up");
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
