package org.blockhost.provisioner.libvirt.internal.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code templateBuild}: the image {@code .current} names with its recorded checksum; a rebuild changes it. */
class TemplateBuildTest {
    private static final String SHA1 = "a".repeat(64);
    private static final String SHA2 = "b".repeat(64);

    @TempDir
    Path dir;

    @Test
    void theCurrentImageWithItsChecksumAndARebuildChangesIt() throws Exception {
        VmFiles files = new VmFiles(dir.resolve("vms"), dir);
        assertEquals("", files.build("debian-12"), "no image: cannot tell");
        Files.writeString(dir.resolve("debian-12-0123456789abcdef.qcow2"), "image 1");
        Files.writeString(dir.resolve("debian-12-0123456789abcdef.sha256"), SHA1 + "\n");
        Files.writeString(dir.resolve("debian-12.current"), "debian-12-0123456789abcdef.qcow2\n");
        String first = files.build("debian-12");
        assertEquals("debian-12-0123456789abcdef.qcow2@" + SHA1, first);
        Files.writeString(dir.resolve("debian-12-fedcba9876543210.qcow2"), "image 2");
        Files.writeString(dir.resolve("debian-12-fedcba9876543210.sha256"), SHA2);
        Files.writeString(dir.resolve("debian-12.current"), "debian-12-fedcba9876543210.qcow2");
        assertEquals("debian-12-fedcba9876543210.qcow2@" + SHA2, files.build("debian-12"));
        assertNotEquals(first, files.build("debian-12"));
    }

    @Test
    void anOlderLayoutImageWithoutChecksumIsIdentifiedByItsTime() throws Exception {
        Path image = Files.writeString(dir.resolve("debian-12.qcow2"), "image");
        long mtime = Files.getLastModifiedTime(image).toMillis();
        assertEquals("debian-12.qcow2@" + mtime, new VmFiles(dir.resolve("vms"), dir).build("debian-12"));
    }
}
