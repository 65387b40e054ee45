package org.blockhost.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overview's host figures from /proc-style files; unreadable or garbled ones give null, never a guess. */
class HostUsageTest {

    @Test
    void readsLoadMemoryAndDisk(@TempDir Path proc) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Files.writeString(proc.resolve("loadavg"), (0.5 * cores) + " 0.40 0.30 1/200 12345\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       1000 kB\nMemFree:         100 kB\nMemAvailable:    250 kB\n");
        HostUsage usage = new HostUsage(proc, proc);
        assertEquals(0.5, usage.cpu(), 1e-9);
        assertEquals(0.75, usage.memory(), 1e-9);
        Double disk = usage.disk();
        assertNotNull(disk);
        assertTrue(disk >= 0 && disk <= 1, disk.toString());
    }

    @Test
    void missingOrGarbledFilesGiveNull(@TempDir Path proc) throws Exception {
        HostUsage missing = new HostUsage(proc, proc.resolve("nowhere"));
        assertNull(missing.cpu());
        assertNull(missing.memory());
        assertNull(missing.disk());
        Files.writeString(proc.resolve("loadavg"), "busy\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal: 0 kB\n");
        assertNull(missing.cpu());
        assertNull(missing.memory());
    }

    @Test
    void theRealHostAnswers() {
        HostUsage real = new HostUsage(Path.of("/proc"), Path.of("/"));
        assertNotNull(real.cpu());
        assertNotNull(real.memory());
        assertNotNull(real.disk());
    }
}
