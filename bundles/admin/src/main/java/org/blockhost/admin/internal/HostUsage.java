package org.blockhost.admin.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's CPU, memory and disk as fractions for the overview: CPU from the 1-minute load
 * average per core ({@code /proc/loadavg}), memory from {@code /proc/meminfo} (total − available),
 * disk from the file store holding the runtime's state directory. A value that cannot be read is null.
 */
final class HostUsage {
    private final Path proc;
    private final Path state;

    HostUsage(Path proc, Path state) {
        this.proc = proc;
        this.state = state;
    }

    Map<String, Object> read() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cpu", cpu());
        out.put("memory", memory());
        out.put("disk", disk());
        return out;
    }

    /** Load average (1 min) per core, capped at 1. */
    Double cpu() {
        try {
            String first = Files.readString(proc.resolve("loadavg")).trim().split("\\s+")[0];
            double load = Double.parseDouble(first) / Runtime.getRuntime().availableProcessors();
            return Math.min(1.0, Math.max(0.0, load));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** (MemTotal − MemAvailable) / MemTotal. */
    Double memory() {
        try {
            List<String> lines = Files.readAllLines(proc.resolve("meminfo"));
            long total = kib(lines, "MemTotal:");
            long available = kib(lines, "MemAvailable:");
            return total <= 0 || available < 0 ? null : (double) (total - available) / total;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Used / total of the state directory's file store. */
    Double disk() {
        try {
            FileStore store = Files.getFileStore(state);
            long total = store.getTotalSpace();
            return total <= 0 ? null : (double) (total - store.getUsableSpace()) / total;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long kib(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key)).findFirst()
                .map(l -> Long.parseLong(l.substring(key.length()).trim().split("\\s+")[0])).orElse(-1L);
    }
}
