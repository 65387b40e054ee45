package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.osgi.InProcessAgent;
import org.blockhost.rootagent.internal.protocol.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * M5: an owner change evicts the previous holder (lock-out GECOS, kill, crontab, home reset, then
 * the new GECOS); the same owner only gets the new GECOS. The exact guest argument vectors, and
 * what the test driver's guest records for dev mode and the end-to-end test.
 */
class GuestOwnerTest {
    static final String OLD = "0x52908400098527886E0F7030069857D2E4169EE7";
    static final String NEW = "0x8617E340B3D01FA5F11F306F4090FD50E238070D";
    @TempDir
    Path dir;

    static List<List<String>> argv(List<GuestExec.Command> plan) {
        List<List<String>> out = new ArrayList<>();
        plan.forEach(c -> out.add(c.argv()));
        return out;
    }

    static final List<List<String>> EVICT_ADMIN = List.of(
            List.of("/usr/sbin/usermod", "-c", "blockhost-transfer", "admin"),
            List.of("/usr/bin/pkill", "-KILL", "-u", "admin"),
            List.of("/usr/bin/rm", "-f", "/var/spool/cron/crontabs/admin"),
            List.of("/usr/bin/pkill", "-KILL", "-u", "admin"),
            List.of("/usr/bin/find", "/home/admin", "-mindepth", "1", "-delete"),
            List.of("/usr/bin/cp", "-a", "/etc/skel/.", "/home/admin/"),
            List.of("/usr/bin/chown", "-R", "-h", "admin:", "/home/admin"),
            List.of("/usr/sbin/usermod", "-c", "wallet=" + NEW + ",nft=7", "admin"));

    @Test
    void anOwnerChangeEvictsThePreviousHolderBeforeTheNewGecosIsWritten() {
        String gecos = "wallet=" + NEW + ",nft=7";
        assertEquals(EVICT_ADMIN, argv(GuestOwner.plan("admin", NEW, gecos, Optional.of(OLD))));
        assertEquals(EVICT_ADMIN, argv(GuestOwner.plan("admin", NEW, gecos, Optional.empty())), "unknown: evict");
        assertEquals(List.of(List.of("/usr/sbin/usermod", "-c", gecos, "admin")),
                argv(GuestOwner.plan("admin", NEW, gecos, Optional.of(NEW.toLowerCase()))), "same wallet: GECOS only");
        GuestExec.Command pkill = GuestOwner.plan("admin", NEW, gecos, Optional.empty()).get(1);
        assertEquals(Set.of(0, 1), pkill.okExits(), "pkill: 1 = nothing was running");
    }

    @Test
    void theCurrentWalletIsReadFromThePasswdLine() {
        assertEquals(Optional.of(OLD), GuestOwner.walletOf("admin:x:1000:1000:wallet=" + OLD + ",nft=0:/home/admin:/bin/bash\n"));
        assertEquals(Optional.empty(), GuestOwner.walletOf("admin:x:1000:1000:blockhost-transfer:/home/admin:/bin/bash"));
        assertEquals(Optional.empty(), GuestOwner.walletOf("admin:x:1000:1000::/home/admin:/bin/bash"));
        assertEquals(Optional.empty(), GuestOwner.walletOf("garbage"));
        assertEquals(Optional.empty(), GuestOwner.walletOf("a:x:1:1:wallet=0x$(id),nft=1:/h:/s"));
    }

    @Test
    void guestExecCarriesTheArgvAsAJsonArray() throws Exception {
        var n = Wire.JSON.readTree(QemuGuest.execRequest(GuestExec.Command.of("/usr/bin/pkill", "-KILL", "-u", "admin")));
        assertEquals("guest-exec", n.path("execute").asText());
        assertEquals("/usr/bin/pkill", n.path("arguments").path("path").asText());
        assertEquals("[\"-KILL\",\"-u\",\"admin\"]", n.path("arguments").path("arg").toString());
        assertTrue(n.path("arguments").path("capture-output").asBoolean());
    }

    @Test
    void theTestDriverRecordsWhatTheGuestWouldHaveBeenTold() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libvirt.so.0")), "libvirt0 not installed");
        AgentConfig cfg = AgentConfig.dev(dir, "daemon", "test:///default", null);
        Path vms = Files.createDirectories(cfg.vmDir());
        Path td = vms.resolve(".testdriver");
        try (InProcessAgent agent = new InProcessAgent(cfg)) {
            agent.call("vm-define", Map.of("name", "blockhost-077", "vcpus", 1, "memory_mib", 128, "virt_type", "qemu"));
            Map<String, Object> owner = Map.of("name", "blockhost-077", "user", "admin", "engine", "evm",
                    "wallet", NEW, "nft_id", "7");
            RootAgentException off = assertThrows(RootAgentException.class, () -> agent.call("vm-set-owner", owner));
            assertTrue(off.getMessage().contains("not running"), off.getMessage());
            agent.call("vm-start", Map.of("name", "blockhost-077"));

            Map<String, Object> r = agent.call("vm-set-owner", owner);
            assertEquals(true, r.get("evicted"), "nothing recorded yet: the owner is unknown");
            assertEquals("wallet=" + NEW + ",nft=7\n", Files.readString(td.resolve("blockhost-077.gecos")));
            List<List<String>> told = new ArrayList<>(List.of(List.of("/usr/bin/getent", "passwd", "admin")));
            told.addAll(EVICT_ADMIN);
            assertEquals(told, recorded(td.resolve("blockhost-077.guest")));

            assertEquals(false, agent.call("vm-set-owner", Map.of("name", "blockhost-077", "user", "admin",
                    "engine", "evm", "wallet", NEW.toLowerCase(), "nft_id", "8")).get("evicted"));
            told.add(List.of("/usr/bin/getent", "passwd", "admin"));
            told.add(List.of("/usr/sbin/usermod", "-c", "wallet=" + NEW.toLowerCase() + ",nft=8", "admin"));
            assertEquals(told, recorded(td.resolve("blockhost-077.guest")));

            agent.call("vm-undefine", Map.of("name", "blockhost-077"));
            assertFalse(Files.exists(td.resolve("blockhost-077.gecos")));
            assertFalse(Files.exists(td.resolve("blockhost-077.guest")));
        }
    }

    /** L8: like seed-create, vm-set-owner never binds a wallet to root or a system account. */
    @Test
    void setOwnerRefusesRootAndSystemUsers() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libvirt.so.0")), "libvirt0 not installed");
        AgentConfig cfg = AgentConfig.dev(dir, "daemon", "test:///default", null);
        Path td = Files.createDirectories(cfg.vmDir()).resolve(".testdriver");
        try (InProcessAgent agent = new InProcessAgent(cfg)) {
            agent.call("vm-define", Map.of("name", "blockhost-078", "vcpus", 1, "memory_mib", 128, "virt_type", "qemu"));
            agent.call("vm-start", Map.of("name", "blockhost-078"));
            for (String user : new String[] {"root", "daemon", "sshd", "www-data", "nobody", "_apt", "systemd-network"}) {
                RootAgentException e = assertThrows(RootAgentException.class, () -> agent.call("vm-set-owner", Map.of(
                        "name", "blockhost-078", "user", user, "engine", "evm", "wallet", NEW, "nft_id", "7")));
                assertEquals(RootAgentException.Kind.REJECTED, e.kind(), user);
                assertTrue(e.getMessage().contains("system account"), e.getMessage());
            }
            assertFalse(Files.exists(td.resolve("blockhost-078.guest")), "the guest was told nothing");
            assertFalse(Files.exists(td.resolve("blockhost-078.gecos")));
            agent.call("vm-undefine", Map.of("name", "blockhost-078"));
        }
    }

    static List<List<String>> recorded(Path log) throws Exception {
        List<List<String>> out = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            List<String> argv = new ArrayList<>();
            Wire.JSON.readTree(line).forEach(n -> argv.add(n.asText()));
            out.add(argv);
        }
        return out;
    }
}
