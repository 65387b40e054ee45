package org.blockhost.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the root agent told a test-driver "guest" (dev mode has no real guests): the GECOS it set
 * ({@code <vm-dir>/.testdriver/<vm>.gecos}) and every command's argument vector, in order
 * ({@code <vm>.guest}, one JSON array per line). Written by the in-process agent's vm-set-owner.
 */
final class GuestRecord {
    private final Path dir;

    GuestRecord(Path home) {
        this.dir = home.resolve("agent/var/lib/blockhost/vms/.testdriver");
    }

    /** The GECOS the guest user has now; empty when set-owner never reached the guest. */
    String gecos(String vm) throws IOException {
        Path f = dir.resolve(vm + ".gecos");
        return Files.exists(f) ? Files.readString(f).strip() : "";
    }

    /** Every command the guest was asked to run, oldest first. */
    List<List<String>> commands(String vm) throws IOException {
        List<List<String>> out = new ArrayList<>();
        Path f = dir.resolve(vm + ".guest");
        if (!Files.exists(f)) {
            return out;
        }
        for (String line : Files.readAllLines(f)) {
            List<String> argv = new ArrayList<>();
            for (JsonNode n : Stack.JSON.readTree(line)) {
                argv.add(n.asText());
            }
            out.add(argv);
        }
        return out;
    }

    /** Waits until the guest user's GECOS is {@code expected} (any case). */
    String awaitGecos(String vm, String expected, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            last = gecos(vm);
            if (last.equalsIgnoreCase(expected)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the guest of " + vm + " was never told GECOS " + expected + " within " + timeout
                + "; it has '" + last + "', commands " + commands(vm));
    }
}
