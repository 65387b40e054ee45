package org.blockhost.provisioner.libvirt.internal.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VM directory against this machine: exists, writable, room for the template and one plan's disk. */
class StorageCheckTest {
    private static final StorageCheck.Need SMALL = new StorageCheck.Need(1024, 0);

    @TempDir
    Path tmp;

    @Test
    void anExistingWritableDirectoryWithRoomIsAccepted() {
        assertEquals(Optional.empty(), StorageCheck.problem(tmp.toString(), SMALL, true));
        assertTrue(StorageCheck.space(tmp).orElseThrow().usable() > 0);
    }

    @Test
    void relativeMissingOrFileOrTraversingPathsAreRefusedWithoutEchoingThem() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        for (String bad : new String[] {"relative-dir", tmp + "/missing", file.toString(), tmp + "/../etc", "/a b"}) {
            String why = StorageCheck.problem(bad, SMALL, true).orElseThrow(() -> new AssertionError(bad));
            assertTrue(!why.contains(bad), why);
        }
        assertTrue(StorageCheck.problem(tmp + "/missing", SMALL, true).orElseThrow().contains("does not exist"));
    }

    @Test
    void aDirectoryTheRuntimeCannotWriteIsRefused() throws Exception {
        Path ro = Files.createDirectory(tmp.resolve("ro"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
        boolean root = Files.isWritable(ro); // root writes anywhere: the check is the runtime's own access
        assertEquals(!root, StorageCheck.problem(ro.toString(), SMALL, true).map(m -> m.contains("cannot write")).orElse(false));
    }

    /**
     * An installed host: the root agent writes the VM disks into its directory ({@code 0750 root:blockhost},
     * read-only to the runtime), so the check must not ask the runtime to write there. The directory is
     * made immutable ({@code chattr +i}) so that not even root (these tests' user) may write it.
     */
    @Test
    void aDirectoryOnlyTheRootAgentWritesIsAcceptedOnAnInstalledHost() throws Exception {
        Path agentDir = Files.createDirectory(tmp.resolve("vms"));
        org.junit.jupiter.api.Assumptions.assumeTrue(chattr("+i", agentDir), "chattr +i works here");
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(agentDir));
            assertEquals(Optional.empty(), StorageCheck.problem(agentDir.toString(), SMALL, false));
            assertTrue(StorageCheck.problem(agentDir.toString(), SMALL, true).orElseThrow().contains("cannot write"),
                    "dev mode: the runtime writes the disks itself");
        } finally {
            chattr("-i", agentDir);
        }
    }

    private static boolean chattr(String flag, Path dir) throws Exception {
        try {
            return new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void tooLittleSpaceForTheTemplateAndOnePlanDiskIsRefusedWithBothNumbers() {
        long free = StorageCheck.space(tmp).orElseThrow().usable();
        int planGib = (int) (free / StorageCheck.GIB) + 1;
        String why = StorageCheck.problem(tmp.toString(), new StorageCheck.Need(StorageCheck.TEMPLATE_ESTIMATE, planGib), true)
                .orElseThrow();
        assertTrue(why.startsWith("not enough free space: ") && why.contains(" needed"), why);
    }

    @Test
    void theNeedIsTheBuiltTemplateElseAnEstimatePlusTheBiggestConfiguredPlanDisk() throws Exception {
        FakeConfigAdmin cm = new FakeConfigAdmin();
        assertEquals(new StorageCheck.Need(StorageCheck.TEMPLATE_ESTIMATE, StorageCheck.DEFAULT_PLAN_DISK_GIB),
                StorageCheck.need(cm.admin(), tmp));
        cm.pid(StorageCheck.CORE_PLANS_PID).put("plans", new String[] {"1:1:512:4", "2:2:1024:8", "bad"});
        Files.write(tmp.resolve("debian-12.qcow2"), new byte[4096]);
        StorageCheck.Need need = StorageCheck.need(cm.admin(), tmp);
        assertEquals(new StorageCheck.Need(4096, 8), need);
        assertEquals(4096 + 8 * StorageCheck.GIB, need.bytes());
    }
}
