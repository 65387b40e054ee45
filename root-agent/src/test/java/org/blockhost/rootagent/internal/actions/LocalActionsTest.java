package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.TestSupport;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.osgi.InProcessAgent;
import org.blockhost.rootagent.internal.protocol.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** key-write, disk-create and seed-create for real (files, qemu-img, genisoimage), in-process. */
class LocalActionsTest {
    @TempDir
    Path dir;
    InProcessAgent agent;

    @BeforeEach
    void start() {
        agent = new InProcessAgent(AgentConfig.dev(dir, "daemon", "test:///default", null));
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void keyWriteIsAtomicGroupReadableAndWriteOnce() throws Exception {
        Map<String, Object> r = agent.call("key-write", Map.of("name", "deployer", "content", "0xfeed\n"));
        Path key = Path.of((String) r.get("path"));
        assertEquals(dir.resolve("etc/blockhost/keys/deployer.key"), key);
        assertEquals("0xfeed\n", Files.readString(key));
        if (TestSupport.isRoot()) {
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
            assertEquals("daemon", Files.getAttribute(key, "posix:group").toString());
        }
        RootAgentException e = assertThrows(RootAgentException.class,
                () -> agent.call("key-write", Map.of("name", "deployer", "content", "other")));
        assertEquals(RootAgentException.Kind.REJECTED, e.kind());
        assertEquals("0xfeed\n", Files.readString(key));
        e = assertThrows(RootAgentException.class,
                () -> agent.call("key-write", Map.of("name", "deployer", "content", "new", "overwrite", true)));
        assertEquals(RootAgentException.Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("write-once"), e.getMessage());
        assertEquals("0xfeed\n", Files.readString(key), "L8: an existing key is never replaced");
        try (var s = Files.list(key.getParent())) {
            assertEquals(1, s.count(), "no temporary files left");
        }
    }

    @Test
    void reservedAndSymlinkedKeysAreRefused() throws Exception {
        assertThrows(RootAgentException.class, () -> agent.call("key-write", Map.of("name", "root-agent", "content", "x")));
        Path keys = Files.createDirectories(dir.resolve("etc/blockhost/keys"));
        Files.createSymbolicLink(keys.resolve("evil.key"), dir.resolve("victim"));
        assertThrows(RootAgentException.class,
                () -> agent.call("key-write", Map.of("name", "evil", "content", "x", "overwrite", true)));
        assertFalse(Files.exists(dir.resolve("victim")));
    }

    @Test
    void diskCreateMakesAQcow2OverlayOnTheTemplate() throws Exception {
        assumeTrue(TestSupport.has("qemu-img"), "qemu-img not installed");
        Path tpl = Files.createDirectories(dir.resolve("var/lib/blockhost/templates")).resolve("debian-12.qcow2");
        assertEquals(0, TestSupport.run(null, "qemu-img", "create", "-q", "-f", "qcow2", tpl.toString(), "64M"));
        Path vms = Files.createDirectories(dir.resolve("var/lib/blockhost/vms"));
        agent.call("disk-create", Map.of("template", tpl.toString(), "overlay", vms.resolve("blockhost-001.qcow2").toString(),
                "size_gib", 1));
        List<String> out = new ArrayList<>();
        assertEquals(0, TestSupport.run(out, "qemu-img", "info", "--output=json", vms.resolve("blockhost-001.qcow2").toString()));
        JsonNode info = Wire.JSON.readTree(out.get(0));
        assertEquals("qcow2", info.path("format").asText());
        assertEquals(tpl.toString(), info.path("backing-filename").asText());
        assertEquals(1L << 30, info.path("virtual-size").asLong());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(vms.resolve("blockhost-001.qcow2"))),
                "M2: overlays are private to root (libvirt chowns them for QEMU)");
        try (var s = Files.list(vms)) {
            assertEquals(1, s.count(), "no temporary file left");
        }
    }

    /** M3: partial files of an agent killed mid-command are deleted when the agent starts again. */
    @Test
    void partialFilesOfAKilledAgentAreSweptAtStart() throws Exception {
        Path vms = Files.createDirectories(dir.resolve("var/lib/blockhost/vms"));
        Path partial = Files.writeString(vms.resolve(".blockhost-001-seed.iso.part-0123456789abcdef"), "half");
        Path kept = Files.writeString(vms.resolve("blockhost-001.qcow2"), "overlay");
        Path link = Files.createSymbolicLink(vms.resolve(".x.qcow2.part-0123456789abcdef"), kept);
        new InProcessAgent(AgentConfig.dev(dir, "daemon", "test:///default", null)).close();
        assertFalse(Files.exists(partial, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(kept) && Files.isSymbolicLink(link), "only regular partial files are deleted");
    }

    /** L8: the tenant's login is never root or a system account. */
    @Test
    void seedCreateRefusesRootAndSystemUsers() throws Exception {
        Files.createDirectories(dir.resolve("var/lib/blockhost/vms"));
        for (String user : new String[] {"root", "daemon", "sshd", "www-data", "nobody", "_apt", "systemd-network"}) {
            RootAgentException e = assertThrows(RootAgentException.class, () -> agent.call("seed-create", Map.of(
                    "output", dir.resolve("var/lib/blockhost/vms/x.iso").toString(), "hostname", "h", "instance_id", "i",
                    "user", user, "engine", "evm", "wallet", "0x52908400098527886E0F7030069857D2E4169EE7", "nft_id", "7")));
            assertEquals(RootAgentException.Kind.REJECTED, e.kind(), user);
            assertTrue(e.getMessage().contains("system account"), e.getMessage());
        }
    }

    @Test
    void seedCreateBuildsANoCloudIso() throws Exception {
        assumeTrue(TestSupport.has("genisoimage") || TestSupport.has("xorriso") || TestSupport.has("cloud-localds"));
        Path vms = Files.createDirectories(dir.resolve("var/lib/blockhost/vms"));
        Path iso = vms.resolve("blockhost-001-seed.iso");
        agent.call("seed-create", Map.of("output", iso.toString(), "hostname", "blockhost-001", "instance_id", "bh-001",
                "user", "admin", "engine", "evm", "wallet", "0x52908400098527886E0F7030069857D2E4169EE7", "nft_id", "7"));
        byte[] b = Files.readAllBytes(iso);
        assertEquals("CD001", new String(b, 0x8001, 5, StandardCharsets.US_ASCII));
        assertEquals("cidata", new String(b, 0x8028, 32, StandardCharsets.US_ASCII).trim());
        String text = new String(b, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("gecos: \"wallet=0x52908400098527886E0F7030069857D2E4169EE7,nft=7\""));
        assertTrue(text.contains("instance-id: bh-001"));
        assertFalse(Files.exists(dir.resolve("var/lib/blockhost/root-agent/tmp")) 
                && Files.list(dir.resolve("var/lib/blockhost/root-agent/tmp")).findAny().isPresent(), "work dir removed");
    }

    @Test
    void seedCreateRefusesAWalletOfTheWrongEngine() {
        RootAgentException e = assertThrows(RootAgentException.class, () -> agent.call("seed-create", Map.of(
                "output", dir.resolve("var/lib/blockhost/vms/x.iso").toString(), "hostname", "h", "instance_id", "i",
                "user", "admin", "engine", "opnet", "wallet", "0x52908400098527886E0F7030069857D2E4169EE7", "nft_id", "7")));
        assertEquals(RootAgentException.Kind.REJECTED, e.kind());
    }

    @Test
    void firewallAndRoutesAreDryRunInDevMode() throws Exception {
        Map<String, Object> r = agent.call("firewall-open", Map.of("port", 2222, "proto", "tcp", "source", "2001:db8::/48", "ttl", 30));
        assertEquals("allow6", r.get("set"));
        assertEquals("2001:db8:0:0:0:0:0:0/48 . tcp . 2222", r.get("element"));
        assertEquals(false, r.get("applied"), "an unprivileged dev runtime must say nothing was applied");
    }
}
