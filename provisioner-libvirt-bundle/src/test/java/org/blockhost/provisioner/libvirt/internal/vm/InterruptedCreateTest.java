package org.blockhost.provisioner.libvirt.internal.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.blockhost.provisioner.api.NetworkAllocation;
import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.libvirt.internal.DevHarness;
import org.blockhost.provisioner.libvirt.internal.LibvirtProvisioner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * M3 (provisioner side) and H4: files left by an interrupted create are reused only when complete;
 * new overlays use the template's current (newest) image. Real qemu-img/genisoimage through the
 * in-process agent on the test driver.
 */
class InterruptedCreateTest {
    static final String WALLET = "0x52908400098527886E0F7030069857D2E4169EE7";
    static DevHarness harness;
    static LibvirtProvisioner provisioner;

    @BeforeAll
    static void setUp(@TempDir Path dir) throws Exception {
        assumeTrue(DevHarness.libvirtInstalled(), "libvirt0 not installed");
        harness = new DevHarness(dir, "test:///default");
        DevHarness.blankImage(harness.templateDir().resolve("debian.qcow2"));
        provisioner = new LibvirtProvisioner(harness, harness.settings("test:///default", "192.0.2.0/24", 0));
    }

    @AfterAll
    static void tearDown() {
        if (harness != null) {
            provisioner.close();
            harness.close();
        }
    }

    static VmSpec spec(String name) {
        return new VmSpec(name, WALLET, new PlanResources(1, 128, 1), "debian", "admin", name, NetworkAllocation.dynamic());
    }

    /** A create that got as far as overlay and seed: the domain is gone, the files stay. */
    static void interrupted(String vm) throws Exception {
        provisioner.create(spec(vm));
        harness.call("vm-undefine", Map.of("name", vm, "remove_disks", false));
        harness.actions.clear();
    }

    static void truncate(Path f, long bytes) throws Exception {
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(bytes);
        }
    }

    @Test
    void completeLeftoversAreReused() throws Exception {
        interrupted("blockhost-301");
        try {
            assertTrue(Leftovers.overlayComplete(harness.vmDir().resolve("blockhost-301.qcow2"), 1L << 30));
            assertTrue(Leftovers.seedComplete(harness.vmDir().resolve("blockhost-301-seed.iso")));
            provisioner.create(spec("blockhost-301"));
            assertEquals(List.of("vm-define", "vm-isolate", "vm-start"), harness.actions);
        } finally {
            provisioner.destroy("blockhost-301");
        }
    }

    @Test
    void aTruncatedOverlayIsNotReused() throws Exception {
        interrupted("blockhost-302");
        Path overlay = harness.vmDir().resolve("blockhost-302.qcow2");
        truncate(overlay, 512);
        assertFalse(Leftovers.overlayComplete(overlay, 1L << 30));
        assertRemade("blockhost-302", "disk-create", overlay);
    }

    @Test
    void aTruncatedSeedIsNotReused() throws Exception {
        interrupted("blockhost-303");
        Path seed = harness.vmDir().resolve("blockhost-303-seed.iso");
        truncate(seed, Files.size(seed) / 2);
        assertFalse(Leftovers.seedComplete(seed));
        assertRemade("blockhost-303", "seed-create", seed);
    }

    @Test
    void anOverlayOfAnotherSizeOrWithoutItsBackingFileIsNotReused() throws Exception {
        Path o = harness.vmDir().resolve("blockhost-304.qcow2");
        harness.call("disk-create", Map.of("template", harness.templateDir().resolve("debian.qcow2").toString(),
                "overlay", o.toString(), "size_gib", 2));
        assertFalse(Leftovers.overlayComplete(o, 1L << 30), "2 GiB where 1 GiB is asked for");
        assertTrue(Leftovers.overlayComplete(o, 2L << 30));
        Files.writeString(harness.vmDir().resolve("not-qcow2.qcow2"), "x".repeat(4096));
        assertFalse(Leftovers.overlayComplete(harness.vmDir().resolve("not-qcow2.qcow2"), 1L << 30));
        Files.delete(o);
    }

    /** The leftover is made again: either the agent replaced it (complete now) or the create failed saying why. */
    private static void assertRemade(String vm, String action, Path file) throws Exception {
        try {
            provisioner.create(spec(vm));
            assertTrue(harness.actions.contains(action), harness.actions.toString());
            assertTrue(action.equals("disk-create") ? Leftovers.overlayComplete(file, 1L << 30)
                    : Leftovers.seedComplete(file), "replaced by a complete file");
        } catch (ProvisionerException e) {
            assertTrue(harness.actions.contains(action), harness.actions.toString());
            assertTrue(e.getMessage().contains("incomplete"), e.getMessage());
            assertFalse(harness.actions.contains("vm-define"), "never booted with the broken file");
        } finally {
            provisioner.destroy(vm);
            Files.deleteIfExists(harness.vmDir().resolve(vm + ".qcow2"));
            Files.deleteIfExists(harness.vmDir().resolve(vm + "-seed.iso"));
        }
    }

    @Test
    void newOverlaysUseTheTemplatesCurrentImage() throws Exception {
        Path newest = harness.templateDir().resolve("debian-0123456789abcdef.qcow2");
        DevHarness.blankImage(newest);
        Files.writeString(harness.templateDir().resolve("debian.current"), newest.getFileName() + "\n");
        try {
            assertEquals(newest, new VmFiles(harness.vmDir(), harness.templateDir()).template("debian"));
            harness.calls.clear();
            provisioner.create(spec("blockhost-305"));
            Map<String, Object> disk = harness.calls.stream().filter(c -> c.getKey().equals("disk-create")).findFirst()
                    .orElseThrow().getValue();
            assertEquals(newest.toString(), disk.get("template"));
            Files.writeString(harness.templateDir().resolve("debian.current"), "../../etc/passwd\n");
            assertEquals(harness.templateDir().resolve("debian.qcow2"),
                    new VmFiles(harness.vmDir(), harness.templateDir()).template("debian"), "invalid pointer ignored");
        } finally {
            Files.deleteIfExists(harness.templateDir().resolve("debian.current"));
            provisioner.destroy("blockhost-305");
        }
    }
}
