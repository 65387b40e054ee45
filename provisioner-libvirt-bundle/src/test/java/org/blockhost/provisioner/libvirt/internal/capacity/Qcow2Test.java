package org.blockhost.provisioner.libvirt.internal.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Qcow2Test {
    @TempDir
    Path dir;

    @Test
    void readsVirtualSizeFromRealImagesAndRejectsOthers() throws Exception {
        Path img = dir.resolve("a.qcow2");
        Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", img.toString(), "5G").inheritIO().start();
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(OptionalLong.of(5L << 30), Qcow2.virtualSize(img));
        assertEquals(OptionalLong.empty(), Qcow2.virtualSize(Files.writeString(dir.resolve("b.qcow2"), "overlay")));
        assertEquals(OptionalLong.empty(), Qcow2.virtualSize(dir.resolve("missing.qcow2")));
    }
}
