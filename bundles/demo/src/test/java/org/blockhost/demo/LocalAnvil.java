package org.blockhost.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * anvil from the engine's pinned npm package ({@code engine-evm-bundle/contracts/node_modules}),
 * on a free loopback port; stopped by its process handle. A missing binary fails the test.
 */
final class LocalAnvil implements AutoCloseable {
    private final Process process;
    final String url;

    private LocalAnvil(Process process, int port) {
        this.process = process;
        this.url = "http://127.0.0.1:" + port;
    }

    static LocalAnvil start() throws IOException, InterruptedException {
        Path contracts = Path.of(System.getProperty("blockhost.evm.contracts.dir", "../../engine-evm-bundle/contracts"));
        Path binary = contracts.resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("anvil is missing at " + binary + ": run `npm ci` in " + contracts
                    + " (the engine-evm-bundle build does)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(binary.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--silent").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        LocalAnvil anvil = new LocalAnvil(p, port);
        for (int i = 0; i < 300; i++) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return anvil;
            } catch (IOException e) {
                if (!p.isAlive()) {
                    break;
                }
                Thread.sleep(20);
            }
        }
        anvil.close();
        throw new IOException("anvil did not start on port " + port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
