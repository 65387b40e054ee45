package org.blockhost.engine.evm.internal;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * An anvil dev chain on a random loopback port, from the npm package pinned in
 * contracts/package-lock.json. Installs it with {@code npm ci} when missing and fails (never
 * skips) when that does not produce the binary. Stopped by its process handle.
 */
final class Anvil implements AutoCloseable {
    private static final Path CONTRACTS = Path.of(System.getProperty("blockhost.evm.contracts.dir", "contracts"));

    private final Process process;
    private final int port;
    private final HttpService service;
    private final Web3j web3j;

    private Anvil(Process process, int port) {
        this.process = process;
        this.port = port;
        this.service = new HttpService(url());
        this.web3j = Web3j.build(service);
    }

    static Anvil start(String... extraArgs) throws IOException, InterruptedException {
        return startOn(freePort(), extraArgs);
    }

    /** Starts anvil on a given loopback port (to restart a stopped chain where clients expect it). */
    static Anvil startOn(int port, String... extraArgs) throws IOException, InterruptedException {
        Path binary = binary();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--silent"));
        command.addAll(Arrays.asList(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Anvil anvil = new Anvil(process, port);
        anvil.awaitReady();
        return anvil;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Web3j web3j() {
        return web3j;
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    /** A raw JSON-RPC call (anvil_*, evm_*); fails on an RPC error. */
    Object rpc(String method, Object... params) throws IOException {
        Raw response = new Request<>(method, Arrays.asList(params), service, Raw.class).send();
        if (response.hasError()) {
            throw new IOException(method + ": " + response.getError().getMessage());
        }
        return response.getResult();
    }

    void mine(int blocks) throws IOException {
        rpc("anvil_mine", "0x" + Integer.toHexString(blocks));
    }

    @Override
    public void close() throws InterruptedException {
        web3j.shutdown();
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                web3j.ethChainId().send();
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new IOException("anvil did not start on port " + port, e);
                }
                Thread.sleep(25);
            }
        }
    }

    static Path binary() throws IOException, InterruptedException {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT).contains("aarch64") ? "arm64" : "amd64";
        Path binary = CONTRACTS.resolve("node_modules/@foundry-rs/anvil-linux-" + arch + "/bin/anvil");
        if (!Files.isExecutable(binary)) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(CONTRACTS.toFile())
                    .redirectErrorStream(true).redirectOutput(new File("target/npm-ci.log")).start();
            npm.waitFor(5, TimeUnit.MINUTES);
        }
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("anvil is not installed at " + binary + " and `npm ci` did not install it"
                    + " (see target/npm-ci.log)");
        }
        return binary;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Any JSON result. */
    public static final class Raw extends Response<Object> {
    }
}
