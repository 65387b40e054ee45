package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.blockhost.provisioner.api.GuestReadiness;
import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.osgi.InProcessAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VM lifecycle in-process against libvirt's test driver (dev mode). */
class InProcessLibvirtTest {
    @TempDir
    static Path dir;
    static InProcessAgent agent;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libvirt.so.0")) || Files.exists(Path.of("/usr/lib64/libvirt.so.0")),
                "libvirt0 not installed");
        agent = new InProcessAgent(AgentConfig.dev(dir, "daemon", "test:///default", null));
        Files.createDirectories(dir.resolve("var/lib/blockhost/vms"));
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    static String state(String name) throws RootAgentException {
        return (String) agent.call("vm-state", Map.of("name", name)).get("state");
    }

    @Test
    void lifecycle() throws Exception {
        Path disk = Files.writeString(dir.resolve("var/lib/blockhost/vms/blockhost-042.qcow2"), "overlay");
        agent.call("vm-define", Map.of("name", "blockhost-042", "vcpus", 1, "memory_mib", 256, "virt_type", "qemu",
                "disk", disk.toString(), "network", "default", "mac", "52:54:00:00:00:42"));
        assertEquals("shutoff", state("blockhost-042"));
        agent.call("vm-start", Map.of("name", "blockhost-042"));
        assertEquals("running", state("blockhost-042"));
        assertEquals("saved", agent.call("vm-suspend", Map.of("name", "blockhost-042")).get("state"),
                "managed save: memory on disk, domain stopped, no RAM held");
        assertEquals("saved", agent.call("vm-suspend", Map.of("name", "blockhost-042")).get("state"), "idempotent");
        assertEquals("running", agent.call("vm-resume", Map.of("name", "blockhost-042")).get("state"));
        agent.call("vm-destroy", Map.of("name", "blockhost-042"));
        assertEquals("shutoff", state("blockhost-042"));
        assertEquals("shutoff", agent.call("vm-suspend", Map.of("name", "blockhost-042")).get("state"),
                "a shut-off domain is left off: suspended, holding no RAM");
        assertEquals("running", agent.call("vm-resume", Map.of("name", "blockhost-042")).get("state"),
                "resume of a shut-off domain boots it");
        agent.call("vm-suspend", Map.of("name", "blockhost-042")); // undefined below with its saved image
        String real = disk.toRealPath().toString();
        Map<String, Object> r = agent.call("vm-undefine", Map.of("name", "blockhost-042"));
        assertEquals(List.of(real), r.get("removed"));
        assertFalse(Files.exists(disk));
        assertEquals(false, agent.call("vm-undefine", Map.of("name", "blockhost-042")).get("existed"));
        RootAgentException e = assertThrows(RootAgentException.class, () -> state("blockhost-042"));
        assertEquals(RootAgentException.Kind.FAILED, e.kind());
    }

    /** The test driver's model guest: ready once running, with one stable ed25519 host key; not ready when off. */
    @Test
    void guestReadinessThroughTheModelGuest() throws Exception {
        Path disk = Files.writeString(dir.resolve("var/lib/blockhost/vms/blockhost-043.qcow2"), "overlay");
        agent.call("vm-define", Map.of("name", "blockhost-043", "vcpus", 1, "memory_mib", 256, "virt_type", "qemu",
                "disk", disk.toString(), "network", "default", "mac", "52:54:00:00:00:43"));
        assertEquals(false, agent.call("vm-guest-ready", Map.of("name", "blockhost-043")).get("ready"), "defined, not running");
        agent.call("vm-start", Map.of("name", "blockhost-043"));
        Map<String, Object> r = agent.call("vm-guest-ready", Map.of("name", "blockhost-043"));
        assertEquals(true, r.get("ready"));
        String key = (String) r.get("host_key");
        assertTrue(GuestReadiness.isHostKey(key), key);
        assertEquals(key, agent.call("vm-guest-ready", Map.of("name", "blockhost-043")).get("host_key"), "the same key again");
        agent.call("vm-destroy", Map.of("name", "blockhost-043"));
        assertEquals(false, agent.call("vm-guest-ready", Map.of("name", "blockhost-043")).get("ready"), "powered off");
        agent.call("vm-undefine", Map.of("name", "blockhost-043"));
        RootAgentException e = assertThrows(RootAgentException.class, () -> agent.call("vm-guest-ready", Map.of("name", "x")));
        assertEquals(RootAgentException.Kind.REJECTED, e.kind(), "only BlockHost VM names");
    }

    /** vm-expiry-notice through the model guest: the banner file and the wall message, both on stdin. */
    @Test
    void expiryNoticeThroughTheModelGuest() throws Exception {
        Path disk = Files.writeString(dir.resolve("var/lib/blockhost/vms/blockhost-044.qcow2"), "overlay");
        agent.call("vm-define", Map.of("name", "blockhost-044", "vcpus", 1, "memory_mib", 256, "virt_type", "qemu",
                "disk", disk.toString(), "network", "default", "mac", "52:54:00:00:00:44"));
        Map<String, Object> banner = Map.of("name", "blockhost-044", "expires_at", 1_800_000_000L,
                "renew_url", "https://[2001:db8::1]:8443/servers", "kind", "banner");
        RootAgentException off = assertThrows(RootAgentException.class, () -> agent.call("vm-expiry-notice", banner));
        assertEquals(RootAgentException.Kind.FAILED, off.kind(), "no guest agent while the domain is off");
        agent.call("vm-start", Map.of("name", "blockhost-044"));
        agent.call("vm-expiry-notice", banner);
        agent.call("vm-expiry-notice", Map.of("name", "blockhost-044", "expires_at", 1_800_000_000L,
                "renew_url", "https://host.example/servers", "kind", "wall"));
        Path guest = dir.resolve("var/lib/blockhost/vms/.testdriver");
        assertEquals(List.of("[\"/usr/bin/mkdir\",\"-p\",\"/etc/motd.d\"]", "[\"/usr/bin/tee\",\"/etc/motd.d/blockhost\"]",
                "[\"/usr/bin/wall\"]"), Files.readAllLines(guest.resolve("blockhost-044.guest")));
        String stdin = Files.readString(guest.resolve("blockhost-044.stdin"));
        assertTrue(stdin.contains("ends on 2027-01-15 08:00:00 UTC.\nRenew it at https://[2001:db8::1]:8443/servers before"), stdin);
        assertTrue(stdin.contains("Renew it at https://host.example/servers to keep"), stdin);
        RootAgentException port = assertThrows(RootAgentException.class, () -> agent.call("vm-expiry-notice",
                Map.of("name", "blockhost-044", "expires_at", 1_800_000_000L, "renew_url", "https://h:70000/servers",
                        "kind", "wall")));
        assertEquals(RootAgentException.Kind.REJECTED, port.kind(), port.getMessage());
        agent.call("vm-destroy", Map.of("name", "blockhost-044"));
        agent.call("vm-undefine", Map.of("name", "blockhost-044"));
    }

    /** Only one ssh-ed25519 key line is taken from the guest's .pub file (its comment dropped). */
    @Test
    void hostKeyLineFromTheGuest() throws Exception {
        String key = TestDriverGuest.newHostKey();
        assertEquals(key, GuestReady.hostKey(key + " root@blockhost-001\n"));
        assertEquals(key, GuestReady.hostKey(key));
        assertEquals("", GuestReady.hostKey(key + "\n" + key + "\n"), "two lines");
        assertEquals("", GuestReady.hostKey("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ root@x"));
        assertEquals("", GuestReady.hostKey(key.substring(0, key.length() - 1) + "* x"));
        assertEquals("", GuestReady.hostKey(""));
    }

    @Test
    void setOwnerNeedsAGuestAgent() {
        RootAgentException e = assertThrows(RootAgentException.class, () -> agent.call("vm-set-owner",
                Map.of("name", "test", "user", "admin", "engine", "evm",
                        "wallet", "0x52908400098527886E0F7030069857D2E4169EE7", "nft_id", "1")));
        assertEquals(RootAgentException.Kind.REJECTED, e.kind(), "'test' is not a BlockHost VM name");
    }
}
