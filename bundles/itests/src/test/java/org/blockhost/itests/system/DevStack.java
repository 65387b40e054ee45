package org.blockhost.itests.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code blockhost dev} (the whole stack: anvil + runtime + plugins + setup) as a separate process,
 * with the jars as the reactor built them ({@code BLOCKHOST_SKIP_BUILD=1}).
 */
record DevStack(Path home, Process process, String devJson, long startMillis) implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Starts {@code blockhost dev --home HOME --http-port 0 --rpc-port 0 [EXTRA]}, waits for dev.json. */
    static DevStack start(Path home, Path out, String... extra) throws Exception {
        return start(java.util.Map.of(), home, out, extra);
    }

    /** As {@link #start(Path, Path, String...)} with extra environment variables (e.g. {@code BLOCKHOST_JAVA_OPTS}). */
    static DevStack start(java.util.Map<String, String> env, Path home, Path out, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", RuntimeProcess.ROOT.resolve("blockhost").toString(), "dev",
                "--home", home.toString(), "--http-port", "0", "--rpc-port", "0"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        pb.environment().put("BLOCKHOST_SKIP_BUILD", "1");
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        Path json = home.resolve("dev.json");
        long end = t0 + TimeUnit.SECONDS.toNanos(240);
        while (!Files.exists(json)) {
            if (!p.isAlive() || System.nanoTime() > end) {
                p.destroy();
                p.waitFor(60, TimeUnit.SECONDS);
                throw new AssertionError("blockhost dev did not write dev.json:\n" + Files.readString(out));
            }
            Thread.sleep(100);
        }
        return new DevStack(home, p, Files.readString(json), (System.nanoTime() - t0) / 1_000_000);
    }

    /** A string field of dev.json. */
    String field(String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(devJson);
        if (!m.find()) {
            throw new AssertionError("dev.json has no " + name + ": " + devJson);
        }
        return m.group(1);
    }

    /** A process id from dev.json's {@code pids}. */
    long pid(String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*([0-9]+)").matcher(devJson);
        if (!m.find()) {
            throw new AssertionError("dev.json has no pid " + name + ": " + devJson);
        }
        return Long.parseLong(m.group(1));
    }

    /** The JSON-RPC result (raw JSON text) of a call to the dev chain. */
    String rpc(String method, String params) throws IOException, InterruptedException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
        String answer = HTTP.send(HttpRequest.newBuilder(URI.create(field("rpcUrl")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"result\"\\s*:\\s*\"([^\"]*)\"").matcher(answer);
        if (!m.find()) {
            throw new AssertionError(method + " failed: " + answer);
        }
        return m.group(1);
    }

    /** SIGTERM to the launcher; its exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            throw new AssertionError("blockhost dev did not stop within 90 s of SIGTERM");
        }
        return process.exitValue();
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws InterruptedException {
        long runtime = pid("runtime");
        long anvil = pid("anvil");
        if (process.isAlive()) {
            stop();
        }
        for (long pid : new long[] {runtime, anvil}) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
