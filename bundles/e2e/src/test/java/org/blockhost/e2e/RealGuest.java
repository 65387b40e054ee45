package org.blockhost.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The real guest as the host sees it, outside the runtime: libvirt's domain state, its QEMU process
 * and that process's memory, the root agent's nftables port forwards; and the lifecycle's pace.
 */
final class RealGuest {
    /**
     * The root agent's tenant-network tables (its default {@code --nft-table} {@code blockhost}) and the
     * management table its {@code firewall-base-clear} leaves (accept policy; dev runs with {@code baseRuleset=false}).
     */
    static final List<String> TABLES = List.of("ip blockhost_vms", "bridge blockhost_vms", "inet blockhost_vms",
            "inet blockhost");

    private RealGuest() {
    }

    /** {@code virsh domstate} on the system libvirtd, read-only ("running", "shut off", ...; "" when unknown). */
    static String domState(String vm) throws IOException, InterruptedException {
        return run("virsh", "-q", "-r", "-c", "qemu:///system", "domstate", vm).trim();
    }

    /** Waits until libvirt reports the domain in {@code state}. */
    static void awaitDomState(String vm, String state, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        String last = domState(vm);
        while (!state.equals(last)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(vm + " not " + state + " within " + timeout + "; libvirt says: " + last);
            }
            Thread.sleep(250);
            last = domState(vm);
        }
    }

    /** The pid of the guest's QEMU process, if one runs ({@code -name guest=NAME,...} on its command line). */
    static OptionalLong qemuPid(String vm) throws IOException, InterruptedException {
        String out = run("pgrep", "-f", "--", "-name guest=" + vm + ",").trim();
        return out.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(out.lines().findFirst().orElseThrow()));
    }

    /** {@code VmRSS} of a process in KiB. */
    static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no VmRSS for pid " + pid);
    }

    /** The kernel's port-forward map of the root agent ({@code public_port : address . port} elements). */
    static String forwards() throws IOException, InterruptedException {
        return run("nft", "list", "map", "ip", "blockhost_vms", "forward4");
    }

    /**
     * Sets the lifecycle's pass interval live (the {@code .cfg} rewritten under a hidden name and
     * renamed; FileInstall polls every second and DS re-activates the component, whose first pass
     * comes one interval later). A long interval stands for a runtime that is not running.
     */
    static void lifecycleInterval(Path home, String cfgText, long seconds) throws IOException, InterruptedException {
        Path cfg = home.resolve("etc/org.blockhost.core.lifecycle.cfg");
        Path part = home.resolve("etc/.lifecycle.part");
        Files.writeString(part, cfgText.replace("intervalSeconds=1\n", "intervalSeconds=" + seconds + "\n"));
        Files.move(part, cfg, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(3_000);
    }

    /**
     * Before a real-VM run starts its stack: removes what an earlier run left without a live owner, or refuses to
     * start and names what to remove ({@link HostLeftovers}). Returns the QEMU guests running now (none of them this
     * run's), the record {@link #killStartedGuests} needs.
     */
    static java.util.Set<Long> sweepLeftovers() {
        return HostLeftovers.sweepOrRefuse(new LiveHost());
    }

    /**
     * Last guard after the stack stopped: the QEMU processes of the guests this run started (any {@code blockhost-*}
     * guest not running before it) are killed by PID, also when libvirtd is already gone — a guest the lifecycle
     * started again while the cleanup destroyed it, or a pool VM, would otherwise outlive the test.
     */
    static void killStartedGuests(java.util.Set<Long> before) {
        HostLeftovers.killStartedGuests(new LiveHost(), before);
    }

    /** Removes the agent's tables from the host's kernel (a normal run leaves them empty, a failed one may not). */
    static void dropAgentTables() throws InterruptedException {
        for (String table : TABLES) {
            try {
                run(("nft delete table " + table).split(" "));
            } catch (IOException e) {
                System.err.println("nft delete table " + table + ": " + e.getMessage());
            }
        }
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(cmd))).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("hung: " + String.join(" ", cmd));
        }
        return p.exitValue() == 0 ? out : "";
    }
}
