package org.blockhost.provisioner.proxmox.internal.pve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Waits for PVE worker tasks. Every asynchronous call answers a UPID
 * ({@code UPID:<node>:<pid>:<pstart>:<starttime>:<type>:<id>:<user>:}); its status is polled until
 * {@code stopped}. Exit status {@code OK} (or {@code WARNINGS: n}) is success; anything else is a
 * {@link PveException} carrying the exit status and the last lines of the task log.
 */
public final class Tasks {
    static final Pattern UPID = Pattern.compile(
            "UPID:([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?):[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:[^:\\s]+:[^:\\s]*:[^:\\s]+:");
    private static final int LOG_LINES = 5;
    /** A progress line of a PVE task log, e.g. {@code transferred 1.0 GiB of 4.0 GiB (25.00%)}. */
    private static final Pattern PERCENT = Pattern.compile("\\(([0-9]{1,3})(\\.[0-9]+)?%\\)");

    /** Told the percentage a running task's log reports, whenever it changes. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = percent -> { };

        void percent(int percent);
    }
    private final PveClient client;
    private final Duration timeout;
    private final Duration poll;

    public Tasks(PveClient client, Duration timeout, Duration poll) {
        this.client = client;
        this.timeout = timeout;
        this.poll = poll;
    }

    /** The node a UPID ran on; the UPID must be well formed. */
    public static String nodeOf(String upid) throws PveException {
        Matcher m = UPID.matcher(upid == null ? "" : upid);
        if (!m.matches()) {
            throw new PveException(502, "not a task id (UPID): " + (upid == null ? "null" : upid.length() > 80 ? upid.substring(0, 80) : upid));
        }
        return m.group(1);
    }

    /** Waits for the task an asynchronous call answered (a JSON null answer means "done already"). */
    public void await(JsonNode answer) throws PveException {
        await(answer, Progress.NONE);
    }

    /** As {@link #await(JsonNode)}, telling {@code progress} the percentages the task's log reports. */
    public void await(JsonNode answer, Progress progress) throws PveException {
        if (answer != null && !answer.isNull()) {
            await(answer.asText(), progress);
        }
    }

    public void await(String upid) throws PveException {
        await(upid, Progress.NONE);
    }

    /** Waits for the task; while it runs, its log's latest percentage goes to {@code progress}. */
    public void await(String upid, Progress progress) throws PveException {
        String path = "/nodes/" + Params.enc(nodeOf(upid)) + "/tasks/" + Params.enc(upid);
        long deadline = System.nanoTime() + timeout.toNanos();
        long sleep = Math.min(100, poll.toMillis());
        int[] seen = {0, -1};
        while (true) {
            JsonNode st = client.get(path + "/status", Params.of());
            if ("stopped".equals(st.path("status").asText())) {
                String exit = st.path("exitstatus").asText("");
                if (exit.equals("OK") || exit.startsWith("WARNINGS")) {
                    return;
                }
                throw new PveException(500, "task " + st.path("type").asText("?") + " failed: " + exit + lastLines(path));
            }
            if (progress != Progress.NONE) {
                report(path, seen, progress);
            }
            if (System.nanoTime() > deadline) {
                throw new PveException(0, "task " + upid + " still running after " + timeout.toSeconds() + " s");
            }
            sleepFor(sleep);
            sleep = Math.min(sleep * 2, poll.toMillis());
        }
    }

    /** Reads the log lines not seen yet ({@code seen[0]}); a new percentage ({@code seen[1]}) is reported. */
    private void report(String path, int[] seen, Progress progress) throws PveException {
        JsonNode log = client.get(path + "/log", Params.of().add("start", seen[0]).add("limit", 500));
        for (JsonNode l : log) {
            seen[0]++;
            Matcher m = PERCENT.matcher(l.path("t").asText());
            int pct = m.find() ? Math.min(100, Integer.parseInt(m.group(1))) : -1;
            if (pct >= 0 && pct != seen[1]) {
                seen[1] = pct;
                progress.percent(pct);
            }
        }
    }

    private String lastLines(String path) {
        try {
            JsonNode log = client.get(path + "/log", Params.of().add("start", 0).add("limit", 5000));
            List<String> lines = new ArrayList<>();
            log.forEach(l -> lines.add(l.path("t").asText()));
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size());
            return tail.isEmpty() ? "" : " (log: " + String.join(" | ", tail) + ")";
        } catch (PveException e) {
            return " (log unavailable: " + e.getMessage() + ")";
        }
    }

    private static void sleepFor(long ms) throws PveException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PveException("interrupted while waiting for a task", e);
        }
    }
}
