package org.blockhost.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's arithmetic: nearest-rank percentiles, and the libvirt provisioner's cold-path lines
 * ({@code cold path NAME: checks 0.012 s, ...}, {@code guest agent answered}, {@code first boot finished})
 * read back from the runtime's log.
 */
final class BenchStats {
    private static final Pattern PHASE = Pattern.compile("([a-z]+) ([0-9.]+) s");
    private static final Pattern LINE = Pattern.compile("cold path (blockhost-[0-9]+): (.*)$");
    private static final Pattern MARK = Pattern.compile("(guest agent answered|first boot finished) ([0-9.]+) s after start");

    private BenchStats() {
    }

    /** Nearest-rank percentile {@code p} (0–100) of the values; NaN when there are none. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /**
     * Per step of the cold path (create's phases, then {@code guest agent answered} and {@code first boot
     * finished}, counted from the start), the seconds seen for each VM of {@code vms} in the log's lines.
     */
    static Map<String, List<Double>> coldPath(List<String> logLines, Set<String> vms) {
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        for (String line : logLines) {
            Matcher m = LINE.matcher(line);
            if (!m.find() || !vms.contains(m.group(1))) {
                continue;
            }
            Matcher mark = MARK.matcher(m.group(2));
            Matcher phase = PHASE.matcher(m.group(2));
            if (mark.find()) {
                steps.computeIfAbsent(mark.group(1) + " (from start)", k -> new ArrayList<>()).add(Double.parseDouble(mark.group(2)));
                continue;
            }
            while (phase.find()) {
                steps.computeIfAbsent(phase.group(1), k -> new ArrayList<>()).add(Double.parseDouble(phase.group(2)));
            }
        }
        return steps;
    }

    /**
     * One warm purchase's steps from the runtime's log, in seconds: from the purchase mined
     * ({@code minedAtMillis}, the test's wall clock) to the pipeline having it (the watcher's confirmations),
     * then each pipeline stage ({@code subscription N stage S done in M ms}), the root agent's {@code vm-assign}
     * command and its steps inside the guest ({@code in the guest: hostname 120ms …}). Steps not logged are absent.
     */
    static Map<String, Double> warmPath(List<String> logLines, long subscription, String vm, long minedAtMillis) {
        Map<String, Double> stages = new LinkedHashMap<>();
        Map<String, Double> assign = new LinkedHashMap<>();
        Pattern stage = Pattern.compile("subscription " + subscription + " stage ([a-z_]+) done in ([0-9]+) ms");
        Pattern command = Pattern.compile("vm-assign " + Pattern.quote(vm) + " as [a-z0-9-]+: ([0-9]+) ms \\(one guest command; in the guest:(.*)\\)");
        for (String line : logLines) {
            Matcher m = stage.matcher(line);
            if (m.find()) {
                double took = Double.parseDouble(m.group(2)) / 1000;
                if ("received".equals(m.group(1))) {
                    stages.put("mined -> pipeline has it (confirmations)", (epochMillis(line) - minedAtMillis) / 1000.0 - took);
                }
                stages.put(m.group(1), took);
            }
            Matcher a = command.matcher(line);
            if (a.find()) {
                assign.put("  vm-assign: the one guest command", Double.parseDouble(a.group(1)) / 1000);
                Matcher part = GUEST_STEP.matcher(a.group(2));
                while (part.find()) {
                    assign.put("    in the guest: " + part.group(1), Double.parseDouble(part.group(2)) / 1000);
                }
            }
        }
        Map<String, Double> steps = new LinkedHashMap<>();
        stages.forEach((k, v) -> {
            steps.put(STAGES.getOrDefault(k, k), v);
            if ("received".equals(k)) {
                steps.putAll(assign);
            }
        });
        return steps;
    }

    private static final Pattern GUEST_STEP = Pattern.compile(" ([a-z-]+) (-?[0-9]+)ms");
    private static final Map<String, String> STAGES = Map.of("received", "claim + vm-assign + forward (stage received)",
            "vm_created", "readiness + seal (stage vm_created)", "credentials_encrypted", "mint sent -> mined (stage credentials_encrypted)",
            "nft_minted", "owner set (stage nft_minted)", "owner_set", "active (stage owner_set)");

    /** The wall clock of a runtime log line ({@code 2026-12-05T20:32:41.291 …}, the machine's zone), epoch millis. */
    static long epochMillis(String line) {
        return java.time.LocalDateTime.parse(line.substring(0, 23)).atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    static List<String> runtimeLog(Path home) throws IOException {
        return Files.readAllLines(home.resolve("logs/runtime.log"), StandardCharsets.UTF_8);
    }

    static String secs(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    /** {@code p50 / p95 (n)} of the values, in seconds. */
    static String p50p95(List<Double> values) {
        return String.format(Locale.ROOT, "%.2f / %.2f s (n=%d)", percentile(values, 50), percentile(values, 95), values.size());
    }
}
