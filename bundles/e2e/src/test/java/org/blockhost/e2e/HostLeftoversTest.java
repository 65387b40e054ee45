package org.blockhost.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The real-VM runs' start sweep and end cleanup, on a recorded host (no root, nothing on this machine touched). */
class HostLeftoversTest {
    private static final HostLeftovers.Proc GUEST = new HostLeftovers.Proc(4101,
            "/usr/bin/qemu-system-x86_64 -name guest=blockhost-001,debug-threads=on -S");
    private static final HostLeftovers.Proc POOL_GUEST = new HostLeftovers.Proc(4102,
            "/usr/bin/qemu-system-x86_64 -name guest=blockhost-900000001,debug-threads=on -S");
    private static final HostLeftovers.Proc OTHER_QEMU = new HostLeftovers.Proc(4200,
            "qemu-system-x86_64 -accel tcg -m 2048 -chardev pipe,id=ser,path=/var/tmp/bh-live/ser");
    private static final HostLeftovers.Proc DNSMASQ = new HostLeftovers.Proc(4300,
            "/usr/sbin/dnsmasq --conf-file=/var/lib/libvirt/dnsmasq/blockhost-dev.conf --leasefile-ro");
    private static final HostLeftovers.Proc OTHER_DNSMASQ = new HostLeftovers.Proc(4301,
            "/usr/sbin/dnsmasq --conf-file=/var/lib/libvirt/dnsmasq/default.conf --leasefile-ro");
    private static final HostLeftovers.Proc LIBVIRTD = new HostLeftovers.Proc(4400, "libvirtd -f /tmp/x/libvirtd.conf");
    private static final HostLeftovers.Proc RUNTIME = new HostLeftovers.Proc(4500,
            "java -XX:+UseSerialGC -Dblockhost.mode=dev -Dblockhost.state.dir=/tmp/junit-1/state -jar app.jar");
    private static final List<String> TABLES = List.of("ip blockhost_vms", "inet blockhost", "inet filter", "ip nat");

    /** A host whose processes, tables and links are lists; what the sweep does is recorded. */
    private static final class Recorded implements HostLeftovers.Host {
        final List<HostLeftovers.Proc> procs;
        final List<String> done = new ArrayList<>();
        private final boolean bridge;

        Recorded(boolean bridge, HostLeftovers.Proc... procs) {
            this.bridge = bridge;
            this.procs = new ArrayList<>(List.of(procs));
        }

        @Override public List<HostLeftovers.Proc> processes() { return List.copyOf(procs); }
        @Override public List<String> nftTables() { return TABLES; }
        @Override public boolean linkExists(String name) { return bridge && HostLeftovers.BRIDGE.equals(name); }

        @Override
        public void kill(HostLeftovers.Proc p) {
            done.add("kill " + p.pid());
            procs.remove(p);
        }

        @Override public void deleteTable(String table) { done.add("nft delete table " + table); }
        @Override public void deleteLink(String name) { done.add("ip link delete " + name); }
    }

    @Test
    void withoutOwnersAnEarlierRunsLeftoversAreSweptAndNothingElse() {
        Recorded host = new Recorded(true, GUEST, OTHER_QEMU, DNSMASQ, OTHER_DNSMASQ);
        assertEquals(Set.of(), HostLeftovers.sweepOrRefuse(host));
        assertEquals(List.of("kill 4101", "kill 4300", "nft delete table ip blockhost_vms", "nft delete table inet blockhost",
                "ip link delete bhdev0"), host.done, "our guest, our dnsmasq, our tables and bridge; never the other QEMU,"
                + " the other dnsmasq or other tables");
    }

    @Test
    void aGuestOfALiveLibvirtdRefusesTheRunAndNamesWhatToRemove() {
        Recorded host = new Recorded(true, LIBVIRTD, GUEST, DNSMASQ);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> HostLeftovers.sweepOrRefuse(host));
        assertTrue(e.getMessage().contains("virsh -c qemu:///system destroy blockhost-001") && e.getMessage().contains("4400"),
                e.getMessage());
        assertEquals(List.of(), host.done, "nothing touched");
    }

    @Test
    void aLiveLibvirtdKeepsItsNetworkAndALiveRuntimeItsTables() {
        HostLeftovers.Plan owned = HostLeftovers.plan(List.of(LIBVIRTD, DNSMASQ), TABLES, true);
        assertEquals(List.of(), owned.kill());
        assertTrue(!owned.bridge(), "the bridge belongs to the live libvirtd's network");
        Recorded host = new Recorded(false, RUNTIME);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> HostLeftovers.sweepOrRefuse(host));
        assertTrue(e.getMessage().contains("[ip blockhost_vms, inet blockhost]") && e.getMessage().contains("pid 4500")
                && e.getMessage().contains("nft delete table"), e.getMessage());
        assertEquals(List.of(), host.done);
    }

    @Test
    void cleanupKillsTheGuestsTheRunStartedAlsoWithoutLibvirtd() {
        Recorded host = new Recorded(false, OTHER_QEMU);
        Set<Long> before = HostLeftovers.sweepOrRefuse(host);
        host.done.clear();
        host.procs.add(GUEST); // started by the run's stack; its libvirtd is gone by now
        host.procs.add(POOL_GUEST);
        assertEquals(List.of(4101L, 4102L), HostLeftovers.killStartedGuests(host, before));
        assertEquals(List.of("kill 4101", "kill 4102"), host.done, "never the QEMU that was not the run's");
    }

    @Test
    void aGuestRunningBeforeTheRunIsNotItsToKill() {
        Recorded host = new Recorded(false, POOL_GUEST, GUEST);
        assertEquals(List.of(4101L), HostLeftovers.killStartedGuests(host, Set.of(4102L)));
        assertEquals(List.of("kill 4101"), host.done);
    }
}
