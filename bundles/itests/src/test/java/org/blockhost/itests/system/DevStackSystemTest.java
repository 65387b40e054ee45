package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blockhost dev} end to end: anvil + the runtime with the EVM engine and the libvirt
 * provisioner, set up non-interactively; stop by SIGTERM, resume, reset, a child dying.
 */
class DevStackSystemTest {
    private static final String OWNER_OF_0 = "0x6352211e" + "0".repeat(64);
    private static final String OWNER = "0x8da5cb5b";
    private static final String OPERATOR = "0x570ca735";

    @TempDir
    Path tmp;

    @Test
    void runsTheStackResumesItAndResetsIt() throws Exception {
        Path home = tmp.resolve("home");
        Path out = tmp.resolve("dev.out");
        String subscriptions;
        String hostNonce;
        long[] startMillis = new long[3];
        try (DevStack dev = DevStack.start(home, out)) {
            startMillis[0] = dev.startMillis();
            subscriptions = checkStack(dev);
            hostNonce = dev.rpc("eth_getTransactionCount", "[\"" + dev.field("hostWallet") + "\",\"latest\"]");
            stopAndCheckChildrenGone(dev);
        }
        try (DevStack again = DevStack.start(home, out)) {
            startMillis[1] = again.startMillis();
            assertEquals(subscriptions, checkStack(again), "resumed with the same contracts");
            assertEquals(hostNonce, again.rpc("eth_getTransactionCount", "[\"" + again.field("hostWallet") + "\",\"latest\"]"),
                    "no new deployment: the host wallet sent nothing");
            assertTrue(DevStack.read(out).contains("setup is already complete"), DevStack.read(out));
            stopAndCheckChildrenGone(again);
        }
        try (DevStack reset = DevStack.start(home, out, "--reset")) {
            startMillis[2] = reset.startMillis();
            assertNotEquals(subscriptions, checkStack(reset), "--reset deploys new contracts");
            System.out.printf("dev stack to dev.json: fresh home %d ms, resumed %d ms, after --reset %d ms%n",
                    startMillis[0], startMillis[1], startMillis[2]);
            stopAndCheckChildrenGone(reset);
        }
    }

    /** Also swaps the engine on this stack first (issue #22, {@link EngineSwap}): no extra dev stack start. */
    @Test
    void swapsTheEngineThenStopsTheRuntimeWhenAnvilDiesAndSaysSo() throws Exception {
        Path out = tmp.resolve("dev.out");
        try (DevStack dev = DevStack.start(tmp.resolve("home"), out)) {
            System.out.printf("engine swap: the OPNet jar's arrival to /ready naming opnet %d ms%n", new EngineSwap(dev).evmToOpnet());
            RuntimeProcess.CliResult second = launcher("dev", "--home", tmp.resolve("home").toString(), "--http-port", "0");
            assertEquals(2, second.exit());
            assertTrue(second.output().contains("a runtime is already running in"), second.output());
            long anvil = dev.pid("anvil");
            long runtime = dev.pid("runtime");
            ProcessHandle.of(anvil).orElseThrow().destroyForcibly();
            assertTrue(dev.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "launcher exits");
            assertEquals(1, dev.process().exitValue());
            assertFalse(DevStack.alive(runtime), "runtime stopped");
            assertTrue(DevStack.read(out).contains("anvil (pid " + anvil + ") exited on its own with status"),
                    DevStack.read(out));
        }
    }

    @Test
    void resetRefusesADirectoryThatIsNotADevHome() throws Exception {
        Path notHome = Files.createDirectories(tmp.resolve("precious"));
        Files.writeString(notHome.resolve("keep.txt"), "data");
        RuntimeProcess.CliResult r = launcher("dev", "--home", notHome.toString(), "--reset");
        assertEquals(2, r.exit());
        assertTrue(r.output().contains("does not look like a dev home"), r.output());
        assertTrue(Files.exists(notHome.resolve("keep.txt")));
    }

    /** Runs the launcher with the jars as built ({@code BLOCKHOST_SKIP_BUILD=1}). */
    private static RuntimeProcess.CliResult launcher(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", RuntimeProcess.ROOT.resolve("blockhost").toString()));
        cmd.addAll(List.of(args));
        return RuntimeProcess.CliResult.run(cmd);
    }

    /** dev.json complete, /ready 200, contracts with code, admin NFT #0 owned by the admin; returns subscriptions. */
    private static String checkStack(DevStack dev) throws Exception {
        for (String key : List.of("rpcUrl", "host", "subscriptions", "credential", "stablecoin", "adminWallet", "httpUrl",
                "httpsUrl", "tlsFingerprint")) {
            assertFalse(dev.field(key).isEmpty(), key);
        }
        assertTrue(dev.devJson().contains("\"chainId\": 31337") || dev.devJson().contains("\"chainId\":31337"), dev.devJson());
        assertEquals("localhost", dev.field("host"));
        assertEquals(200, RuntimeProcess.status(dev.field("httpUrl") + "/ready"));
        for (String contract : List.of("subscriptions", "credential", "stablecoin")) {
            String code = dev.rpc("eth_getCode", "[\"" + dev.field(contract) + "\",\"latest\"]");
            assertTrue(code.length() > 2, contract + " has code");
        }
        String owner = dev.rpc("eth_call", "[{\"to\":\"" + dev.field("credential") + "\",\"data\":\"" + OWNER_OF_0
                + "\"},\"latest\"]");
        assertEquals(dev.field("adminWallet").substring(2).toLowerCase(Locale.ROOT), owner.substring(owner.length() - 40));
        for (String contract : List.of("subscriptions", "credential")) { // setup handed the owner role to the admin
            assertEquals(lower(dev.field("adminWallet")), word(dev, contract, OWNER), "owner of " + contract);
            assertEquals(lower(dev.field("hostWallet")), word(dev, contract, OPERATOR), "operator of " + contract);
        }
        assertTrue(Files.exists(Path.of(dev.field("adminKeyFile"))));
        checkHttps(dev);
        return dev.field("subscriptions");
    }

    private static String word(DevStack dev, String contract, String selector) throws Exception {
        String result = dev.rpc("eth_call", "[{\"to\":\"" + dev.field(contract) + "\",\"data\":\"" + selector
                + "\"},\"latest\"]");
        return result.substring(result.length() - 40);
    }

    private static String lower(String address) {
        return address.substring(2).toLowerCase(Locale.ROOT);
    }

    /**
     * HTTPS serves the certificate whose SHA-256 dev.json names; plain HTTP only redirects (ops
     * paths on loopback excepted); /setup is gone once setup is complete.
     */
    private static void checkHttps(DevStack dev) throws Exception {
        String https = dev.field("httpsUrl");
        assertTrue(https.startsWith("https://127.0.0.1:"), https);
        URI uri = URI.create(https);
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        java.util.concurrent.atomic.AtomicReference<java.security.cert.X509Certificate> seen = new java.util.concurrent.atomic.AtomicReference<>();
        tls.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) {
                seen.set(chain[0]); // pinned below against dev.json's fingerprint
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
            socket.startHandshake();
            socket.getOutputStream().write(("GET /setup/ HTTP/1.1\r\nHost: localhost:" + uri.getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 404"), "setup is complete: /setup is gone\n" + answer);
            assertTrue(answer.contains("Strict-Transport-Security: max-age=") && answer.contains("Content-Security-Policy: "),
                    answer);
            assertFalse(answer.contains("at org.") || answer.contains("Exception"), answer);
        }
        String fingerprint = java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(seen.get().getEncoded()));
        assertEquals(dev.field("tlsFingerprint"), fingerprint, "the served certificate is the one dev.json names");
        java.net.http.HttpResponse<Void> plain = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(URI.create(dev.field("httpUrl") + "/setup/")).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        // plain HTTP only redirects (the public surface answers every path); over HTTPS /setup is 404 (above)
        assertEquals(308, plain.statusCode(), "plain HTTP redirects");
        assertEquals("https://127.0.0.1:" + uri.getPort() + "/setup/", plain.headers().firstValue("Location").orElse(""));
        java.net.http.HttpResponse<Void> redirect = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(URI.create(dev.field("httpUrl") + "/admin/api/session")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertEquals(308, redirect.statusCode());
        assertEquals("https://127.0.0.1:" + uri.getPort() + "/admin/api/session", redirect.headers().firstValue("Location").orElse(""));
    }

    private static void stopAndCheckChildrenGone(DevStack dev) throws Exception {
        long runtime = dev.pid("runtime");
        long anvil = dev.pid("anvil");
        assertTrue(DevStack.alive(runtime) && DevStack.alive(anvil));
        assertEquals(0, dev.stop());
        assertFalse(DevStack.alive(runtime), "runtime gone");
        assertFalse(DevStack.alive(anvil), "anvil gone");
        assertFalse(Files.exists(dev.home().resolve("dev.json")), "dev.json removed on a clean stop");
    }
}
