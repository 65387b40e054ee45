package org.blockhost.rootagent.internal.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.TestSupport;
import org.blockhost.rootagent.internal.daemon.Daemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libvirt actions through the daemon against a real libvirtd with QEMU (TCG): a tiny guest
 * with a qcow2 overlay and a NoCloud seed, which sits in firmware, goes through define, start,
 * suspend, resume, destroy, undefine. Uses a running system libvirtd if there is one, else starts
 * virtlogd and libvirtd with a private socket directory and stops them by PID afterwards.
 */
@Tag("libvirtd")
class RealLibvirtdTest {
    @TempDir
    static Path dir;
    static LibvirtdFixture libvirtd;
    static Daemon daemon;
    static Path sock;
    static final String VM = "blockhost-9" + String.format("%05d", ProcessHandle.current().pid() % 100000);

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestSupport.isRoot(), "needs root");
        TestSupport.ensureQemuAsRoot("libvirt-daemon-system", "libvirt-clients", "qemu-system-x86", "qemu-utils",
                "genisoimage");
        libvirtd = LibvirtdFixture.start(dir.resolve("libvirt"));
        daemon = TestSupport.startInJvm(dir.resolve("agent"), "--libvirt-uri", libvirtd.uri());
        sock = dir.resolve("agent/agent.sock");
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            TestSupport.call(sock, "vm-undefine", Map.of("name", VM));
            daemon.close();
        }
        if (libvirtd != null) {
            libvirtd.close();
        }
    }

    static JsonNode ok(String action, Map<String, Object> params) throws Exception {
        JsonNode r = TestSupport.call(sock, action, params);
        assertTrue(r.path("ok").asBoolean(), action + " " + r);
        return r.path("result");
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void tinyGuestLifecycle() throws Exception {
        Path vms = dir.resolve("agent/vms");
        Path tpl = dir.resolve("agent/templates/blank.qcow2");
        assertEquals(0, TestSupport.run(null, "qemu-img", "create", "-q", "-f", "qcow2", tpl.toString(), "64M"));
        String disk = vms.resolve(VM + ".qcow2").toString();
        String seed = vms.resolve(VM + "-seed.iso").toString();
        ok("disk-create", Map.of("template", tpl.toString(), "overlay", disk));
        ok("seed-create", Map.of("output", seed, "hostname", VM, "instance_id", VM, "user", "admin", "engine", "evm",
                "wallet", "0x52908400098527886E0F7030069857D2E4169EE7", "nft_id", "9"));
        ok("vm-define", Map.of("name", VM, "vcpus", 1, "memory_mib", 128, "virt_type", "qemu", "disk", disk,
                "seed", seed, "guest_agent", true, "loopback_ssh_port", freePort()));
        assertEquals("shutoff", ok("vm-state", Map.of("name", VM)).path("state").asText());
        assertEquals("running", ok("vm-start", Map.of("name", VM)).path("state").asText());
        assertEquals("saved", ok("vm-suspend", Map.of("name", VM)).path("state").asText());
        assertEquals("running", ok("vm-resume", Map.of("name", VM)).path("state").asText());
        JsonNode owner = TestSupport.call(sock, "vm-set-owner", Map.of("name", VM, "user", "admin", "engine", "evm",
                "wallet", "0x52908400098527886E0F7030069857D2E4169EE7", "nft_id", "9"));
        assertEquals("failed", owner.path("kind").asText(), "no guest agent in firmware: " + owner);
        assertEquals("shutoff", ok("vm-destroy", Map.of("name", VM)).path("state").asText());
        JsonNode r = ok("vm-undefine", Map.of("name", VM));
        assertEquals(2, r.path("removed").size(), r.toString());
        assertFalse(Files.exists(Path.of(disk)));
        assertFalse(Files.exists(Path.of(seed)));
        assertTrue(Files.exists(tpl), "template kept");
    }
}
