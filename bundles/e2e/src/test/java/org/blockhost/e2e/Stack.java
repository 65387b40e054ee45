package org.blockhost.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One {@code blockhost dev} run (anvil + the exported runtime + plugins) as a child process of the
 * test, started from the repository root with {@code BLOCKHOST_SKIP_BUILD=1}. Everything it
 * started is stopped by PID in {@link #close()}, also after a failed test.
 */
final class Stack implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("blockhost.root", "../..")).toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path home;
    final Process launcher;
    final JsonNode dev;
    final String httpUrl;
    final long startMillis;
    private final List<ProcessHandle> children;
    private final List<String> leftBehind = new ArrayList<>();

    private Stack(Path home, Process launcher, JsonNode dev, long startMillis) {
        this.home = home;
        this.launcher = launcher;
        this.dev = dev;
        this.httpUrl = dev.path("httpUrl").asText();
        this.startMillis = startMillis;
        this.children = new ArrayList<>(launcher.descendants().toList());
    }

    /** Starts {@code blockhost dev --home HOME --http-port 0 --rpc-port 0 ARGS} and waits for dev.json and /ready 200. */
    static Stack start(Path home, List<String> args, Duration timeout) throws IOException, InterruptedException {
        return start(home, args, timeout, java.util.Map.of());
    }

    /** The same with extra environment variables for the launcher. */
    static Stack start(Path home, List<String> args, Duration timeout, java.util.Map<String, String> env)
            throws IOException, InterruptedException {
        Files.createDirectories(home);
        Files.deleteIfExists(home.resolve("dev.json"));
        Files.deleteIfExists(home.resolve("state/runtime.json"));
        List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve("blockhost").toString(), "dev", "--home",
                home.toString(), "--http-port", "0", "--rpc-port", "0"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("dev.log").toFile()));
        pb.environment().put("BLOCKHOST_SKIP_BUILD", "1");
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            JsonNode dev = awaitDevJson(home, p, timeout);
            Stack stack = new Stack(home, p, dev, (System.nanoTime() - t0) / 1_000_000);
            stack.awaitReady(Duration.ofSeconds(60));
            return stack;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            new Stack(home, p, Stack.JSON.createObjectNode(), 0).close();
            throw e;
        }
    }

    private static JsonNode awaitDevJson(Path home, Process p, Duration timeout) throws IOException, InterruptedException {
        Path file = home.resolve("dev.json");
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new AssertionError("blockhost dev exited with " + p.exitValue() + "\n" + tail(home, 40));
            }
            if (Files.exists(file)) {
                JsonNode dev = JSON.readTree(file.toFile());
                if (dev.hasNonNull("httpUrl") && dev.hasNonNull("rpcUrl")) {
                    return dev;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("blockhost dev wrote no dev.json within " + timeout + "\n" + tail(home, 40));
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (status("/ready") != 200) {
            if (System.nanoTime() > end || !launcher.isAlive()) {
                throw new AssertionError("/ready did not answer 200 within " + timeout + "\n" + tail(home, 40));
            }
            Thread.sleep(100);
        }
    }

    int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(httpUrl + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(httpUrl + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The runtime JVM's pid, as it announces it in {@code <home>/state/runtime.json}. */
    long runtimePid() throws IOException {
        return JSON.readTree(home.resolve("state/runtime.json").toFile()).path("pid").asLong();
    }

    /** VmRSS of the runtime JVM in KiB. */
    long runtimeRssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(runtimePid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for the runtime");
    }

    /** SIGKILLs the runtime JVM; the launcher then stops anvil and exits non-zero. Returns its exit code. */
    int killRuntime() throws IOException, InterruptedException {
        ProcessHandle runtime = ProcessHandle.of(runtimePid()).orElseThrow(() -> new AssertionError("runtime not running"));
        runtime.destroyForcibly();
        if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("blockhost dev kept running after its runtime was killed\n" + tail(home, 20));
        }
        return launcher.exitValue();
    }

    /** Runs {@code blockhost ARGS --home HOME}. */
    Cli.Result cli(String... args) throws IOException, InterruptedException {
        return Cli.run(home, args);
    }

    /**
     * Processes of this run that were still alive after the graceful stop in {@link #close()} and
     * had to be SIGKILLed (pid and command line); empty when {@code blockhost dev} cleaned up itself.
     */
    List<String> leftBehind() {
        return List.copyOf(leftBehind);
    }

    /** SIGTERM to the launcher (it stops the runtime, then anvil); survivors are SIGKILLed by PID and noted. */
    @Override
    public void close() {
        children.addAll(launcher.descendants().toList());
        try {
            launcher.destroy();
            if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
                note(launcher.toHandle());
            }
            for (ProcessHandle h : children) {
                awaitOrKill(h);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            children.forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private void awaitOrKill(ProcessHandle h) throws InterruptedException {
        try {
            h.onExit().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            note(h);
        }
    }

    private void note(ProcessHandle h) {
        if (h.isAlive()) {
            leftBehind.add(h.pid() + " " + h.info().commandLine().orElse("?"));
            h.destroyForcibly();
        }
    }

    /** The last lines of the launcher's output and of the runtime's log, for failure messages. */
    static String tail(Path home, int lines) {
        return Logs.tail(home, lines);
    }
}
