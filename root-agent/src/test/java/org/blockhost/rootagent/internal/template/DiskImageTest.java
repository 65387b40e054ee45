package org.blockhost.rootagent.internal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template disk layout (MBR partition script, offsets) and the sparse copy. */
class DiskImageTest {
    @TempDir
    Path dir;

    @Test
    void diskLayoutIsFixed() throws Exception {
        String script = new String(DiskImage.partitionScript(), StandardCharsets.US_ASCII);
        assertEquals("label: dos\nstart=2048, size=524288, type=c, bootable\nstart=526336, type=83\n", script);
        assertEquals(526336L * 512, DiskImage.rootOffset());
        Path part = dir.resolve("part");
        byte[] data = new byte[3 << 20];
        data[5] = 7;
        data[(2 << 20) + 9] = 9;
        Files.write(part, data);
        Path disk = dir.resolve("disk");
        DiskImage.sparseFile(disk, 8 << 20);
        DiskImage.copyInto(part, disk, 1 << 20);
        byte[] out = Files.readAllBytes(disk);
        assertEquals(7, out[(1 << 20) + 5]);
        assertEquals(9, out[(3 << 20) + 9]);
        assertEquals(8 << 20, out.length);
    }
}
