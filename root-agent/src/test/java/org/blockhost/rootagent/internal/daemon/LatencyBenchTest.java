package org.blockhost.rootagent.internal.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.TestSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXSocket;

/**
 * Round-trip latency of a validation-only request (firewall-open with an out-of-range port) under
 * 8 concurrent clients, and the daemon's RSS. The daemon runs in its own JVM with the production
 * JVM flags. Run: mvn -B -pl root-agent -am verify -Dgroups=bench -DexcludedGroups=
 */
@Tag("bench")
class LatencyBenchTest {
    static final int CLIENTS = 8;
    static final int PER_CLIENT = 5000;
    static final byte[] INVALID = TestSupport.frame(
            "{\"action\":\"firewall-open\",\"params\":{\"port\":0,\"proto\":\"tcp\",\"source\":\"10.0.0.1\",\"ttl\":5}}");

    @TempDir
    Path dir;

    static long rssKib(long pid) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    @Test
    void latencyAndRss() throws Exception {
        Process p = TestSupport.startProcess(dir, List.of());
        try {
            Thread.sleep(1000);
            long rssStart = rssKib(p.pid());
            Path sock = dir.resolve("agent.sock");
            run(sock, 500, true);
            long[] persistent = run(sock, PER_CLIENT, true);
            long[] perConnection = run(sock, PER_CLIENT / 5, false);
            long rssAfter = rssKib(p.pid());
            String report = String.format("clients=%d persistent: n=%d p50=%.1fus p99=%.1fus | connection per request:"
                    + " n=%d p50=%.1fus p99=%.1fus | RSS after start=%d MiB, after bench=%d MiB%n", CLIENTS,
                    persistent.length, pct(persistent, 50), pct(persistent, 99), perConnection.length,
                    pct(perConnection, 50), pct(perConnection, 99), rssStart / 1024, rssAfter / 1024);
            System.out.print("BENCH " + report);
            Files.writeString(Path.of(System.getProperty("blockhost.test.classes")).getParent().resolve("bench.txt"), report);
            assertTrue(pct(persistent, 99) < 50_000, report);
        } finally {
            TestSupport.stop(p);
        }
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
    }

    static long[] run(Path sock, int n, boolean persistent) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<long[]>> fs = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            fs.add(pool.submit(() -> client(sock, n, persistent)));
        }
        long[] all = new long[0];
        for (Future<long[]> f : fs) {
            long[] r = f.get();
            int off = all.length;
            all = Arrays.copyOf(all, off + r.length);
            System.arraycopy(r, 0, all, off, r.length);
        }
        pool.shutdown();
        Arrays.sort(all);
        return all;
    }

    static long[] client(Path sock, int n, boolean persistent) throws Exception {
        long[] t = new long[n];
        AFUNIXSocket s = persistent ? TestSupport.connect(sock) : null;
        try {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                AFUNIXSocket use = persistent ? s : TestSupport.connect(sock);
                JsonNode r = TestSupport.exchange(use, INVALID);
                if (!persistent) {
                    use.close();
                }
                t[i] = System.nanoTime() - t0;
                if (!"rejected".equals(r.path("kind").asText())) {
                    throw new IllegalStateException(r.toString());
                }
            }
        } finally {
            if (s != null) {
                s.close();
            }
        }
        return t;
    }
}
