package org.blockhost.app.internal.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blockhost dev --real-vms} sets {@code user}/{@code group = "root"} in qemu.conf while it runs
 * and must leave the operator's file exactly as it found it: the shell functions of
 * {@code dev-realvms.sh}, run by bash on a copy of qemu.conf.
 */
class DevRealVmsQemuConfTest {
    private static final Path SCRIPT = Path.of("src/main/sh/dev-realvms.sh");
    private static final String ORIGINAL = "# libvirt's qemu.conf\n#user = \"qemu\"\nvnc_listen = \"127.0.0.1\"\n";

    @TempDir
    Path tmp;

    @Test
    void addsMarkedRootLinesAndRemovesExactlyThemAgain() throws Exception {
        Path conf = conf(ORIGINAL);
        String during = run(conf, "realvms_qemu_runs_as_root; cat \"$REALVMS_QEMU_CONF\"");
        assertTrue(during.contains("user = \"root\"\ngroup = \"root\"\n"), during);
        run(conf, "realvms_qemu_runs_as_root; realvms_qemu_conf_revert");
        assertEquals(ORIGINAL, Files.readString(conf), "qemu.conf is back to the operator's bytes");
    }

    @Test
    void anOperatorsOwnUserLineIsNeverTouched() throws Exception {
        String own = ORIGINAL + "user = \"libvirt-qemu\"\n";
        Path conf = conf(own);
        run(conf, "realvms_qemu_runs_as_root; realvms_qemu_conf_revert");
        assertEquals(own, Files.readString(conf));
    }

    @Test
    void linesLeftByAKilledRunAreRemovedByTheNextRun() throws Exception {
        Path conf = conf(ORIGINAL);
        run(conf, "realvms_qemu_runs_as_root"); // killed: no revert
        Files.writeString(conf, "max_files = 1024\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        run(conf, "realvms_qemu_runs_as_root; realvms_qemu_conf_revert");
        assertEquals(ORIGINAL + "max_files = 1024\n", Files.readString(conf), "marked lines gone, the operator's later line kept");
    }

    /** Guests' pam_web3 signing link: the runtime's HTTPS /sign page once its endpoint is known; the rest kept. */
    @Test
    void theSigningLinkPointsAtThisRuntimesSignPage() throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("home/etc"));
        Path cfg = etc.resolve("org.blockhost.provisioner.libvirt.cfg");
        String before = "uri=\"qemu:///system\"\nloginHost=\"localhost\"\nloginChainId=\"31337\"\n"
                + "signingUrl=\"http://localhost:8300/sign\"\ntemplateLocalPackages=[\"x.deb\"]\n";
        Files.writeString(cfg, before);
        String home = "DEV_HOME=\"" + tmp.resolve("home") + "\"; ";
        run(conf(ORIGINAL), home + "realvms_signing_url"); // no endpoint yet: unchanged
        assertEquals(before, Files.readString(cfg));
        run(conf(ORIGINAL), home + "DEV_HTTPS_URL=https://localhost:40123; realvms_signing_url");
        assertEquals(before.replace("http://localhost:8300/sign", "https://localhost:40123/sign"), Files.readString(cfg));
        try (var files = Files.list(etc)) {
            assertEquals(List.of(cfg), files.toList(), "no temp file left");
        }
    }

    /** The NFT's host in port-forward mode: the default route's source address, else the private network's gateway; never loopback. */
    @Test
    void thePublicHostIsNeverLoopback() throws Exception {
        String host = run(conf(ORIGINAL), "realvms_public_host").trim();
        assertTrue(host.matches("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+") && !host.startsWith("127."), host);
        String noRoute = run(conf(ORIGINAL), "ip() { return 1; }; realvms_public_host").trim();
        assertEquals("10.231.0.1", noRoute, "no default route: the gateway of the VMs' network");
    }

    private Path conf(String text) throws IOException {
        Path conf = tmp.resolve("qemu.conf");
        Files.writeString(conf, text);
        return conf;
    }

    /** Sources the script with {@code info} defined, points it at {@code conf}, runs {@code body}. */
    private static String run(Path conf, String body) throws Exception {
        String script = "set -euo pipefail; info() { :; }; source \"$1\"; REALVMS_QEMU_CONF=\"$2\"; " + body;
        Process p = new ProcessBuilder(List.of("bash", "-c", script, "bash", SCRIPT.toAbsolutePath().toString(),
                conf.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
