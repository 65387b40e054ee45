package org.blockhost.engine.opnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.blockhost.engine.api.ChainUnavailableException;
import org.junit.jupiter.api.Test;

/** Every odd answer of a node is "unavailable" naming the method, never the URL; big answers are not read whole. */
class OpnetRpcTest {

    private static String failure(int status, String body, int maxBody) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                ex.getResponseBody().write(b);
            }
            ex.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/secret-api-key/");
            OpnetRpc rpc = new OpnetRpc(url, Duration.ofSeconds(5), maxBody);
            ChainUnavailableException e = assertThrows(ChainUnavailableException.class, rpc::blockNumber);
            assertTrue(e.getMessage().startsWith("btc_blockNumber"), e.getMessage());
            assertFalse(e.getMessage().contains("secret-api-key"), e.getMessage());
            return e.getMessage();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void oddAnswersAreUnavailable() throws Exception {
        assertTrue(failure(503, "", 1024).contains("HTTP 503"));
        assertTrue(failure(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + "0".repeat(2000) + "\"}", 1024)
                .contains("larger than 1024"));
        assertTrue(failure(200, "not json", 1024).contains("not JSON"));
        assertTrue(failure(200, "[1]", 1024).contains("not a JSON-RPC object"));
        assertEquals("btc_blockNumber: node error -32000 nope", failure(200,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"nope\"}}", 1024));
        assertTrue(failure(200, "{\"jsonrpc\":\"2.0\",\"id\":1}", 1024).contains("no result"));
        assertTrue(failure(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"-5\"}", 1024).contains("not a number"));
        assertTrue(failure(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x8000000000000000\"}", 1024).contains("out of range"));
    }

    @Test
    void unreachableNodeIsUnavailable() {
        OpnetRpc rpc = new OpnetRpc(URI.create("http://127.0.0.1:1/"), Duration.ofSeconds(2));
        ChainUnavailableException e = assertThrows(ChainUnavailableException.class, rpc::blockNumber);
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }
}
