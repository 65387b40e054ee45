package org.blockhost.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an earlier real-VM run left on this host, and what may go: the QEMU guests named {@code blockhost-*}, the dev
 * network's dnsmasq ({@code blockhost-dev.conf}, bound to 10.231.0.1), its bridge {@code bhdev0} and the root agent's
 * nftables tables {@code blockhost*}. Only what has no live owner is a leftover: a guest, the dnsmasq and the bridge
 * belong to a running libvirtd, the tables to a running BlockHost runtime. When an owner is alive the run refuses to
 * start and names what to remove instead ({@link Plan#refusals}). Decides only; {@link Host} reads and acts.
 * Real-VM tests run under the libvirt lock, so no other real-VM run can be starting at the same time.
 */
final class HostLeftovers {
    static final String BRIDGE = "bhdev0";
    static final String DNSMASQ_CONF = "/blockhost-dev.conf";

    /** A process: its id and its command line (arguments joined by spaces). */
    record Proc(long pid, String cmdline) {
        boolean qemuGuest() {
            return argv0().contains("qemu-system") && cmdline.contains("guest=blockhost-");
        }

        boolean libvirtd() {
            return argv0().endsWith("libvirtd");
        }

        boolean devDnsmasq() {
            return argv0().endsWith("dnsmasq") && cmdline.contains(DNSMASQ_CONF);
        }

        boolean runtime() {
            return argv0().endsWith("java") && cmdline.contains("-Dblockhost.state.dir=");
        }

        private String argv0() {
            int space = cmdline.indexOf(' ');
            return space < 0 ? cmdline : cmdline.substring(0, space);
        }
    }

    /** The host as the sweep sees it and changes it. */
    interface Host {
        List<Proc> processes();

        /** {@code nft list tables} lines as {@code family name}. */
        List<String> nftTables();

        boolean linkExists(String name);

        /** Kills the process if it is still the one listed (same pid and command line). */
        void kill(Proc p);

        void deleteTable(String familyAndName);

        void deleteLink(String name);
    }

    /** What to remove (pids, tables, the bridge), and why the run may not start (empty: it may). */
    record Plan(List<Proc> kill, List<String> tables, boolean bridge, List<String> refusals) {
    }

    private HostLeftovers() {
    }

    static Plan plan(List<Proc> procs, List<String> tables, boolean bridgeExists) {
        List<String> refusals = new ArrayList<>();
        List<Proc> kill = new ArrayList<>();
        List<Proc> libvirtds = procs.stream().filter(Proc::libvirtd).toList();
        List<Proc> runtimes = procs.stream().filter(Proc::runtime).toList();
        List<String> ours = tables.stream().filter(t -> t.matches("[a-z0-9]+ blockhost[A-Za-z0-9_-]*")).toList();
        for (Proc p : procs.stream().filter(Proc::qemuGuest).toList()) {
            if (libvirtds.isEmpty()) {
                kill.add(p);
            } else {
                refusals.add("a QEMU guest (pid " + p.pid() + ") runs under libvirtd (pid " + libvirtds.get(0).pid()
                        + "): remove it with 'virsh -c qemu:///system destroy " + guest(p) + "', or stop that libvirtd");
            }
        }
        if (libvirtds.isEmpty()) {
            procs.stream().filter(Proc::devDnsmasq).forEach(kill::add);
        }
        if (!runtimes.isEmpty() && !ours.isEmpty()) {
            refusals.add("nftables tables " + ours + " belong to a running BlockHost runtime (pid " + runtimes.get(0).pid()
                    + "): stop it, or remove them with 'nft delete table FAMILY NAME'");
        }
        return new Plan(kill, runtimes.isEmpty() ? ours : List.of(), bridgeExists && libvirtds.isEmpty(), refusals);
    }

    /**
     * Removes the leftovers of an earlier run, or throws naming what to remove when something has a live owner.
     * Returns the pids of the QEMU guests running now (none of them ours), for {@link #killStartedGuests}.
     */
    static Set<Long> sweepOrRefuse(Host host) {
        Plan plan = plan(host.processes(), host.nftTables(), host.linkExists(BRIDGE));
        if (!plan.refusals().isEmpty()) {
            throw new IllegalStateException("a real-VM run cannot start while " + String.join("; ", plan.refusals()));
        }
        plan.kill().forEach(p -> report("killing leftover process " + p.pid() + " (" + p.cmdline() + ")", () -> host.kill(p)));
        plan.tables().forEach(t -> report("deleting leftover nftables table " + t, () -> host.deleteTable(t)));
        if (plan.bridge()) {
            report("deleting leftover bridge " + BRIDGE, () -> host.deleteLink(BRIDGE));
        }
        return guests(host.processes());
    }

    /** Kills the QEMU guests started since {@code before} (the run's own record), whether libvirtd still runs or not. */
    static List<Long> killStartedGuests(Host host, Set<Long> before) {
        List<Proc> started = host.processes().stream().filter(Proc::qemuGuest).filter(p -> !before.contains(p.pid()))
                .toList();
        started.forEach(p -> report("killing the QEMU process " + p.pid() + " this run started", () -> host.kill(p)));
        return started.stream().map(Proc::pid).toList();
    }

    private static Set<Long> guests(List<Proc> procs) {
        return procs.stream().filter(Proc::qemuGuest).map(Proc::pid).collect(Collectors.toSet());
    }

    private static String guest(Proc p) {
        int at = p.cmdline().indexOf("guest=");
        String rest = p.cmdline().substring(at + "guest=".length());
        return rest.split("[, ]", 2)[0];
    }

    private static void report(String what, Runnable action) {
        System.err.println(what);
        action.run();
    }
}
