package org.blockhost.app.internal.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Installs the four packages with dpkg (maintainer scripts, sysusers, tmpfiles) into an overlay copy
 * of this host, starts the root agent as root and the runtime as {@code blockhost} by hand, and
 * checks /health, a root-agent call by the runtime's user, the OPNet package's Node 24 sidecar run as that
 * user ({@code opnet-sidecar.sh}), plugin removal and purge ({@code src/test/deb/install-and-start.sh}; needs root).
 */
class InstallSystemIT {

    private static final Path ROOT = Path.of(System.getProperty("blockhost.root", "../.."));
    private static final List<String> CHECKS = List.of("install", "user", "plugins", "runtime_health_200",
            "runtime_runs_as_blockhost", "runtime_store_in_own_dir", "agent_started", "agent_ping_as_blockhost",
            "opnet_sidecar_refuses_before_init", "opnet_sidecar_init_as_blockhost",
            "opnet_sidecar_not_writable_by_runtime", "runtime_called_agent", "plugins_in_runtime", "remove_plugin",
            "opnet_sidecar_purged", "plugins_gone_from_runtime",
            "purge_keeps_data");

    @Test
    void packagesInstallStartAsTheirUsersAndPurgeKeepingData() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "dpkg into an overlay chroot needs root");
        List<String> argv = new ArrayList<>(List.of(
                ROOT.resolve("bundles/app/src/test/deb/install-and-start.sh").toString(),
                String.valueOf(freePort()), String.valueOf(freePort())));
        PackagesIT.debs().forEach(d -> argv.add(d.file().toString()));
        PackagesIT.debs().forEach(d -> assertTrue(Files.isRegularFile(d.file()), d.file() + " is missing"));
        installDependencies(PackagesIT.debs().map(Deb::file).toList());
        Deb.Result r = Deb.run(argv, null);
        String out = r.out() + r.err();
        assertFalse(out.contains("FAIL: "), out);
        for (String check : CHECKS) {
            assertTrue(out.contains("PASS: " + check + "\n"), check + " did not pass:\n" + out);
        }
        assertEquals(0, r.exit(), out);
    }

    /**
     * dpkg installs no dependencies and the overlay copies this host: the packages' Depends (first
     * alternative, other than our own packages) are installed here first, as apt would on a real host.
     */
    private static void installDependencies(List<Path> debs) throws Exception {
        Set<String> need = new TreeSet<>();
        for (Path deb : debs) {
            Deb.Result r = Deb.run(List.of("dpkg-deb", "-f", deb.toString(), "Depends"), null);
            assertEquals(0, r.exit(), r.err());
            for (String dep : r.out().split(",")) {
                String first = dep.split("\\|")[0].replaceAll("\\(.*\\)", "").strip();
                if (!first.isEmpty() && !first.startsWith("blockhost-")) {
                    need.add(first);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String p : need) {
            if (!Deb.run(List.of("dpkg-query", "-W", "-f=${Status}", p), null).out().contains("install ok installed")) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            Deb.run(List.of("apt-get", "update", "-qq"), null);
            List<String> apt = new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq",
                    "--no-install-recommends"));
            apt.addAll(missing);
            Deb.Result r = Deb.run(apt, null);
            assertEquals(0, r.exit(), "installing the packages' dependencies " + missing + ": " + r.err());
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
