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

/** The exported runtime started through the launcher ({@code blockhost dev --runtime-only}) as a separate process. */
final class RuntimeProcess implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("blockhost.root", "../..")).toAbsolutePath().normalize();
    static final Path TEST_PLUGINS = Path.of(System.getProperty("blockhost.testplugins", "target/testplugins"));
    /** What /setup answers without a setup session while it is open: to the setup-code form. */
    static final int SERVED = 303;
    private static final Pattern URL = Pattern.compile("\"httpUrl\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path home;
    final Process process;
    final String url;
    final long startMillis;

    private RuntimeProcess(Path home, Process process, String url, long startMillis) {
        this.home = home;
        this.process = process;
        this.url = url;
        this.startMillis = startMillis;
    }

    /** Starts the runtime in dev mode below {@code home} and waits until {@code /health} answers 200. */
    static RuntimeProcess start(Path home) throws Exception {
        Files.createDirectories(home);
        Path info = home.resolve("state/runtime.json");
        Files.deleteIfExists(info);
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("blockhost").toString(), "dev", "--runtime-only", "--home",
                home.toString(), "--http-port", "0");
        pb.environment().put("BLOCKHOST_SKIP_BUILD", "1");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("runtime.log").toFile()));
        Process p = pb.start();
        String url = awaitUrl(info, p);
        awaitStatus(url + "/health", 200, Duration.ofSeconds(30));
        return new RuntimeProcess(home, p, url, (System.nanoTime() - t0) / 1_000_000);
    }

    private static String awaitUrl(Path info, Process p) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new AssertionError("runtime exited with " + p.exitValue());
            }
            if (Files.exists(info)) {
                Matcher m = URL.matcher(Files.readString(info));
                if (m.find()) {
                    return m.group(1);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("runtime did not write " + info);
    }

    static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Waits until the URL answers the status; returns the milliseconds it took. */
    static long awaitStatus(String url, int expected, Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        long end = t0 + timeout.toNanos();
        while (status(url) != expected) {
            if (System.nanoTime() > end) {
                throw new AssertionError(url + " did not answer " + expected + " within " + timeout);
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private String setupCookie;

    /** The status of a page below the URL with a setup session (signing in first, as the operator does). */
    int pageStatus(String path) throws IOException, InterruptedException {
        if (setupCookie == null) {
            signInToSetup();
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("Cookie", setupCookie)
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Waits until a page answers the status with a setup session; returns the milliseconds it took. */
    long awaitPage(String path, int expected, Duration timeout) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        while (pageStatus(path) != expected) {
            if (System.nanoTime() - t0 > timeout.toNanos()) {
                throw new AssertionError(path + " did not answer " + expected + " within " + timeout);
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** {@code blockhost setup code}, entered on /setup/login: keeps the session cookie. */
    void signInToSetup() throws IOException, InterruptedException {
        CliResult code = cli("setup", "code");
        Matcher m = Pattern.compile("setup code: ([A-Z0-9]{6})").matcher(code.output());
        if (code.exit() != 0 || !m.find()) {
            throw new AssertionError("no setup code: " + code.output());
        }
        HttpResponse<Void> login = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/setup/login")).header("Origin", url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=" + m.group(1))).build(), HttpResponse.BodyHandlers.discarding());
        if (login.statusCode() != 303) {
            throw new AssertionError("setup login answered " + login.statusCode());
        }
        setupCookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    /** Resident set size of the runtime's JVM in MiB. */
    long rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    /** Copies a test plugin into the plugins folder under a temporary name and renames it. */
    Path deploy(String plugin) throws IOException {
        Path plugins = home.resolve("plugins");
        Path tmp = plugins.resolve("." + plugin + ".jar.part");
        Files.copy(TEST_PLUGINS.resolve("org.blockhost.test." + plugin + ".jar"), tmp);
        Path jar = plugins.resolve(plugin + ".jar");
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return jar;
    }

    /** Runs {@code blockhost ARGS} against this runtime; returns exit code and combined output. */
    CliResult cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve("blockhost").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--home", home.toString()));
        return CliResult.run(cmd);
    }

    String log() throws IOException {
        return Files.readString(home.resolve("runtime.log"), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Exit code and output of a CLI call. */
    record CliResult(int exit, String output) {
        static CliResult run(List<String> cmd) throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("BLOCKHOST_SKIP_BUILD", "1");
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("CLI hung: " + cmd);
            }
            return new CliResult(p.exitValue(), out);
        }
    }
}
