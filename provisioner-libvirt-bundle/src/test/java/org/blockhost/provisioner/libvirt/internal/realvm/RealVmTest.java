package org.blockhost.provisioner.libvirt.internal.realvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.blockhost.provisioner.api.NetworkAllocation;
import org.blockhost.provisioner.api.OwnerBinding;
import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.TemplateInfo;
import org.blockhost.provisioner.api.TemplateSpec;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.api.VmStatus;
import org.blockhost.provisioner.libvirt.internal.LibvirtProvisioner;
import org.blockhost.provisioner.libvirt.internal.Settings;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.osgi.InProcessAgent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;

/**
 * A real TCG guest from the real template: libvirtd started here, template built (or reused from
 * {@code blockhost.realvm.cache}, default {@code /var/tmp/blockhost-realvm}), create with a loopback
 * SSH forward, banner, GECOS through the guest agent, suspend/resume, destroy. Root only.
 */
@Tag("realvm")
class RealVmTest {
    static final String WALLET = "0x52908400098527886E0F7030069857D2E4169EE7";
    static final String VM = "blockhost-001";
    static final int PORT_BASE = 22000;
    @TempDir
    Path tmp;

    @Test
    void realGuestLifecycle() throws Exception {
        Host.ensurePackages("libvirt-daemon-system", "libvirt-clients", "qemu-system-x86", "qemu-utils", "genisoimage",
                "debootstrap", "dosfstools", "mtools", "syslinux", "syslinux-common", "fdisk");
        Path cache = Path.of(System.getProperty("blockhost.realvm.cache", "/var/tmp/blockhost-realvm"));
        Path vms = Files.createDirectories(cache.resolve("vms"));
        Path templates = Files.createDirectories(cache.resolve("templates"));
        Measurements m = new Measurements(Path.of("target/realvm.txt"));
        try (Libvirtd libvirtd = Libvirtd.start(Files.createDirectories(tmp.resolve("libvirtd")));
                InProcessAgent agent = new InProcessAgent(new AgentConfig(tmp.resolve("keys"), vms, templates,
                        Files.createDirectories(tmp.resolve("state")), "root", libvirtd.uri, null, "blockhost", true,
                        Duration.ofMinutes(5)));
                LibvirtProvisioner p = new LibvirtProvisioner(agent, settings(libvirtd.uri, vms, templates))) {
            p.destroy(VM); // leftovers of an aborted run
            long t0 = System.nanoTime();
            TemplateInfo t = p.buildTemplate(new TemplateSpec("debian-12", List.of()));
            m.add("template " + (t.reused() ? "reused" : "cold build"), System.nanoTime() - t0);
            assertEquals(64, t.sha256().length());
            lifecycle(p, libvirtd.uri, vms, m);
        }
        m.write();
    }

    private static void lifecycle(LibvirtProvisioner p, String uri, Path vms, Measurements m) throws Exception {
        long t0 = System.nanoTime();
        VmInfo info = p.create(new VmSpec(VM, WALLET, new PlanResources(1, 1024, 4), "debian-12", "user", VM,
                NetworkAllocation.dynamic()));
        assertEquals("127.0.0.1", info.address());
        assertEquals(PORT_BASE + 1, info.sshPort());
        assertNotNull(awaitBanner(info.sshPort(), 600), "SSH banner");
        m.add("create -> SSH banner", System.nanoTime() - t0);
        Connect c = new Connect(uri, false);
        try {
            GuestAgent ga = new GuestAgent(c, VM);
            await(ga::ping, 180);
            assertTrue(ga.exec("/usr/bin/getent", List.of("passwd", "user")).contains(":wallet=" + WALLET + ",nft=0:"));
            p.setOwner(VM, new OwnerBinding(WALLET, 42));
            assertTrue(ga.exec("/usr/bin/getent", List.of("passwd", "user")).contains(":wallet=" + WALLET + ",nft=42:"));
        } finally {
            c.close();
        }
        m.note("RSS of the running guest (1 GiB, TCG): " + Host.qemuRssKib(VM) / 1024 + " MiB");
        p.suspend(VM);
        assertEquals(VmStatus.SUSPENDED, p.status(VM));
        assertNull(Host.banner(info.sshPort(), 5000), "no banner while paused");
        p.resume(VM);
        assertNotNull(awaitBanner(info.sshPort(), 60), "banner again after resume");
        p.destroy(VM);
        assertEquals(VmStatus.DESTROYED, p.status(VM));
        assertFalse(Files.exists(vms.resolve(VM + ".qcow2")));
        assertFalse(Files.exists(vms.resolve(VM + "-seed.iso")));
    }

    static Settings settings(String uri, Path vms, Path templates) {
        return new Settings(uri, vms, templates, "network", "", Optional.empty(), "", PORT_BASE, 4.0, 1.0, 4.0, 0,
                "user", "qemu", 7, List.of(), Optional.empty());
    }

    static String awaitBanner(int port, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            String b = Host.banner(port, 3000);
            if (b != null) {
                return b;
            }
            Thread.sleep(1000);
        }
        return null;
    }

    static void await(java.util.function.BooleanSupplier cond, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!cond.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(1000);
        }
    }
}
