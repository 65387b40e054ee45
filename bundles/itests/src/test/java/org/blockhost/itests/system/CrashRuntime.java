package org.blockhost.itests.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One life of the exported runtime in the crash test, started through the launcher exactly like
 * {@link RuntimeProcess} ({@code bash blockhost dev --runtime-only --home DIR --http-port 0}). It is not waited
 * for: the scripted plugin's kill points ({@code <state>/scripted/markers}) are watched from the
 * moment the process starts, and the JVM is SIGKILLed right at the chosen one.
 */
final class CrashRuntime {
    static final int SUBSCRIPTIONS = 5;
    private static final Pattern PID = Pattern.compile("\"pid\"\\s*:\\s*(\\d+)");

    final Path home;
    final Process process;
    private final long markersOffset;
    private final long logOffset;

    private CrashRuntime(Path home, Process process, long markersOffset, long logOffset) {
        this.home = home;
        this.process = process;
        this.markersOffset = markersOffset;
        this.logOffset = logOffset;
    }

    /** A fresh home: plans and fast-retry pipeline config, the scripted plugin, the purchases, the pause flag. */
    static void prepare(Path home) throws IOException {
        Path etc = Files.createDirectories(home.resolve("etc"));
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Path scripted = Files.createDirectories(home.resolve("state/scripted"));
        Files.writeString(etc.resolve("org.blockhost.core.plans.cfg"), "plans=1:1:512:10\n");
        Files.writeString(etc.resolve("org.blockhost.core.pipeline.cfg"),
                "backoffBaseMillis=100\nbackoffMaxMillis=1000\npollMillis=50\nretryBudget=50\npluginTimeoutSeconds=20\n");
        StringBuilder purchases = new StringBuilder();
        for (int s = 1; s <= SUBSCRIPTIONS; s++) {
            purchases.append(String.format("%d 1 0x%040x%n", s, 0xa0 + s));
        }
        Files.writeString(scripted.resolve("purchases.next"), purchases);
        Files.writeString(scripted.resolve("pause"), "");
        Path tmp = plugins.resolve(".scripted.jar.part");
        Files.copy(RuntimeProcess.TEST_PLUGINS.resolve("org.blockhost.test.scripted.jar"), tmp);
        Files.move(tmp, plugins.resolve("scripted.jar"), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The first life: waits until core's plans component reports plan 1, then hands the purchases to
     * the feeder (rename). At a fresh home's first start the {@code etc} plans configuration
     * sometimes reaches Config Admin without its {@code plans} property (persisted that way, so a
     * restart does not help); the file is then rewritten (temporary name + rename) and FileInstall
     * applies it live. Returns how often that was needed.
     */
    static int awaitPlansThenPurchase(CrashRuntime[] life) throws IOException, InterruptedException {
        int restarts = 0;
        while (!life[0].logShows("plans configured: [1]", 15_000)) {
            if (++restarts > 3) {
                throw new AssertionError("plans configuration never reached core");
            }
            Path etc = life[0].home.resolve("etc");
            Files.writeString(etc.resolve(".plans.part"), "plans=1:1:512:10\n");
            Files.move(etc.resolve(".plans.part"), etc.resolve("org.blockhost.core.plans.cfg"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Path scripted = life[0].home.resolve("state/scripted");
        Files.move(scripted.resolve("purchases.next"), scripted.resolve("purchases.txt"), StandardCopyOption.ATOMIC_MOVE);
        return restarts;
    }

    private boolean logShows(String text, long timeoutMillis) throws IOException, InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end && process.isAlive()) {
            byte[] all = Files.readAllBytes(home.resolve("runtime.log"));
            if (new String(all, (int) Math.min(logOffset, all.length), (int) Math.max(0, all.length - logOffset),
                    StandardCharsets.UTF_8).contains(text)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    static CrashRuntime start(Path home) throws IOException {
        Files.deleteIfExists(home.resolve("state/runtime.json"));
        Path markers = home.resolve("state/scripted/markers");
        long offset = Files.exists(markers) ? Files.size(markers) : 0;
        Path log = home.resolve("runtime.log");
        long logOffset = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder pb = new ProcessBuilder("bash", RuntimeProcess.ROOT.resolve("blockhost").toString(), "dev", "--runtime-only",
                "--home", home.toString(), "--http-port", "0");
        pb.environment().put("BLOCKHOST_SKIP_BUILD", "1");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("runtime.log").toFile()));
        return new CrashRuntime(home, pb.start(), offset, logOffset);
    }

    /**
     * Waits until this life passes kill point {@code point} (for any subscription), then SIGKILLs
     * the JVM there. Returns {@code "point sub"}, or null when the point did not come (every
     * subscription's effects were done, or the timeout passed); the runtime keeps running then.
     */
    String killAt(String point, long timeoutMillis) throws IOException, InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end && process.isAlive()) {
            List<String> lines = newMarkers();
            for (String line : lines) {
                if (line.startsWith(point + " ")) {
                    // the launcher execs java: this is SIGKILL to the runtime's JVM itself
                    process.destroyForcibly();
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        throw new AssertionError("the runtime survived SIGKILL");
                    }
                    return line;
                }
            }
            if (lines.stream().filter(l -> l.startsWith("setowner.after ")).distinct().count() >= SUBSCRIPTIONS
                    || allOwnersSet()) {
                return null;
            }
            Thread.sleep(5);
        }
        if (!process.isAlive()) {
            throw new AssertionError("the runtime exited by itself with " + process.exitValue());
        }
        return null;
    }

    private boolean allOwnersSet() throws IOException {
        Path ledger = home.resolve("state/scripted/ledger");
        return Files.exists(ledger) && Files.readAllLines(ledger).stream().filter(l -> l.startsWith("owner "))
                .map(l -> l.split(" ")[1]).distinct().count() >= SUBSCRIPTIONS;
    }

    private List<String> newMarkers() throws IOException {
        Path markers = home.resolve("state/scripted/markers");
        if (!Files.exists(markers)) {
            return List.of();
        }
        byte[] all = Files.readAllBytes(markers);
        String text = new String(all, (int) Math.min(markersOffset, all.length), (int) Math.max(0, all.length - markersOffset),
                StandardCharsets.UTF_8);
        int complete = text.lastIndexOf('\n');
        return complete < 0 ? List.of() : List.of(text.substring(0, complete).split("\n"));
    }

    /** The pid the runtime announces in {@code runtime.json}, waiting for it. */
    long announcedPid() throws IOException, InterruptedException {
        Path info = home.resolve("state/runtime.json");
        long end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end && process.isAlive()) {
            if (Files.exists(info)) {
                Matcher m = PID.matcher(Files.readString(info));
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("runtime did not announce itself in " + info);
    }

    RuntimeProcess.CliResult cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", RuntimeProcess.ROOT.resolve("blockhost").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--home", home.toString()));
        return RuntimeProcess.CliResult.run(cmd);
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
