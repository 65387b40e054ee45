package org.blockhost.engine.opnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The public read-only RPC relay: the allow-list, sizes, refusals, the node's text never passed on; the rate limit. */
class RpcRelayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> upstream = new CopyOnWriteArrayList<>();
    private HttpServer node;

    /** A loopback node on a URL with a secret path, answering each request with {@code answer(request)}. */
    private RpcRelay relay(Function<JsonNode, String> answer, int maxAnswer) throws Exception {
        node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext("/", ex -> {
            JsonNode req = JSON.readTree(ex.getRequestBody());
            upstream.add(req.get("method").asText() + " " + req.get("params"));
            byte[] b = answer.apply(req).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        node.start();
        URI url = URI.create("http://127.0.0.1:" + node.getAddress().getPort() + "/secret-api-key/");
        return new RpcRelay(new OpnetRpc(url, Duration.ofSeconds(5), maxAnswer));
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.stop(0);
        }
    }

    private static String result(JsonNode req, String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"result\":" + result + "}";
    }

    private static JsonNode ask(RpcRelay relay, String body) {
        return relay.answer(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAreRelayedWithTheCallersIdAndOnlyTheResult() throws Exception {
        RpcRelay relay = relay(req -> "{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"result\":{\"result\":\"AAE=\"},"
                + "\"extra\":\"http://127.0.0.1/secret-api-key/\"}", 1 << 20);
        JsonNode a = ask(relay, "{\"jsonrpc\":\"2.0\",\"id\":\"page-7\",\"method\":\"btc_call\",\"params\":[\"0xab\",\"00\"]}");
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":\"page-7\",\"result\":{\"result\":\"AAE=\"}}", a.toString());
        assertEquals(List.of("btc_call [\"0xab\",\"00\"]"), upstream);
        JsonNode batch = ask(relay, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"btc_getUTXOs\",\"params\":[\"bcrt1p\",true]},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"btc_gas\"},{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"btc_preimage\",\"params\":[]}]");
        assertEquals(3, batch.size());
        assertEquals(List.of(1, 2, 3), List.of(batch.get(0).get("id").asInt(), batch.get(1).get("id").asInt(), batch.get(2).get("id").asInt()));
        assertEquals(List.of("btc_call [\"0xab\",\"00\"]", "btc_getUTXOs [\"bcrt1p\",true]", "btc_gas []", "btc_preimage []"), upstream);
        for (String m : RpcRelay.READS) {
            assertTrue(ask(relay, "{\"id\":1,\"method\":\"" + m + "\",\"params\":[]}").has("result"), m);
        }
    }

    @Test
    void writesBroadcastsAndOtherMethodsAreRefusedWithoutAskingTheNode() throws Exception {
        RpcRelay relay = relay(req -> result(req, "\"0x1\""), 1 << 20);
        for (String m : List.of("btc_sendRawTransaction", "btc_sendRawTransactionPackage", "btc_submitEpoch",
                "btc_getEpochTemplate", "btc_getBlockByNumber", "btc_reorg", "eth_sendTransaction", "BTC_CALL", "btc_call ", "")) {
            JsonNode a = ask(relay, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"" + m + "\",\"params\":[\"00\"]}");
            assertEquals(-32601, a.path("error").path("code").asInt(), m);
            assertEquals(9, a.get("id").asInt());
            assertFalse(a.has("result"), m);
        }
        JsonNode mixed = ask(relay, "[{\"id\":1,\"method\":\"btc_blockNumber\"},{\"id\":2,\"method\":\"btc_sendRawTransaction\",\"params\":[\"00\"]}]");
        assertEquals("0x1", mixed.get(0).get("result").asText());
        assertEquals(-32601, mixed.get(1).path("error").path("code").asInt());
        assertEquals(List.of("btc_blockNumber []"), upstream, "only the read reached the node");
    }

    @Test
    void malformedAndOversizedRequestsAreRefused() throws Exception {
        RpcRelay relay = relay(req -> result(req, "\"0x1\""), 1 << 20);
        assertEquals(-32700, ask(relay, "{not json").path("error").path("code").asInt());
        assertEquals(-32600, ask(relay, "[]").path("error").path("code").asInt());
        assertEquals(-32600, ask(relay, "17").path("error").path("code").asInt());
        assertEquals(-32600, ask(relay, "{\"id\":1}").path("error").path("code").asInt());
        assertEquals(-32600, ask(relay, "{\"id\":{\"a\":1},\"method\":\"btc_gas\"}").path("error").path("code").asInt());
        assertEquals(-32602, ask(relay, "{\"id\":1,\"method\":\"btc_gas\",\"params\":{\"a\":1}}").path("error").path("code").asInt());
        String one = "{\"id\":1,\"method\":\"btc_blockNumber\"}";
        assertEquals(-32600, ask(relay, "[" + String.join(",", java.util.Collections.nCopies(RpcRelay.MAX_BATCH + 1, one)) + "]")
                .path("error").path("code").asInt());
        String big = "{\"id\":1,\"method\":\"btc_call\",\"params\":[\"" + "0".repeat(RpcRelay.MAX_REQUEST) + "\"]}";
        assertTrue(ask(relay, big).path("error").path("message").asText().contains("larger than 65536 bytes"));
        assertEquals(List.of(), upstream, "nothing reached the node");
        assertEquals(RpcRelay.MAX_BATCH, ask(relay, "[" + String.join(",", java.util.Collections.nCopies(RpcRelay.MAX_BATCH, one)) + "]").size());
    }

    @Test
    void theNodesErrorsSizeAndOutageBecomeOneSentence() throws Exception {
        RpcRelay relay = relay(req -> switch (req.get("method").asText()) {
            case "btc_gas" -> "{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"error\":{\"code\":-1,\"message\":\"db at 10.0.0.5 secret-api-key\"}}";
            case "btc_getUTXOs" -> result(req, "\"" + "a".repeat(4096) + "\"");
            default -> "<html>proxy error secret-api-key</html>";
        }, 2048);
        for (String m : List.of("btc_gas", "btc_getUTXOs", "btc_blockNumber")) {
            JsonNode a = ask(relay, "{\"id\":5,\"method\":\"" + m + "\"}");
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32603,\"message\":\"" + RpcRelay.UNAVAILABLE + "\"}}",
                    a.toString(), m);
        }
        node.stop(0);
        node = null;
        JsonNode down = ask(relay, "{\"id\":6,\"method\":\"btc_blockNumber\"}");
        assertEquals(RpcRelay.UNAVAILABLE, down.path("error").path("message").asText());
        assertFalse(down.toString().contains("127.0.0.1"), down.toString());
    }

    @Test
    void rateLimitPerClientAndInAllPerWindow() {
        AtomicLong now = new AtomicLong(1_000);
        RateLimit limit = new RateLimit(3, 5, 10_000, now::get);
        assertTrue(limit.allow("a") && limit.allow("a") && limit.allow("a"));
        assertFalse(limit.allow("a"), "a's fourth in the window");
        assertTrue(limit.allow("b") && limit.allow("b"));
        assertFalse(limit.allow("c"), "five in all");
        now.addAndGet(9_999);
        assertFalse(limit.allow("c"), "same window");
        now.addAndGet(1);
        assertTrue(limit.allow("a") && limit.allow("c"), "a new window");
        RateLimit many = new RateLimit(2, 1_000_000, 10_000, now::get);
        for (int i = 0; i < 4096; i++) {
            assertTrue(many.allow("client-" + i));
        }
        assertTrue(many.allow("client-new-1") && many.allow("client-new-2"));
        assertFalse(many.allow("client-new-3"), "clients past 4096 share one count");
    }

    /** A batch is as many node calls as it holds: 60 batches of 16 must not pass as 60 requests. */
    @Test
    void aBatchCountsEachCallAgainstTheLimit() {
        String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"btc_blockNumber\"}";
        byte[] batch = ("[" + String.join(",", java.util.Collections.nCopies(16, call)) + "]").getBytes(StandardCharsets.UTF_8);
        assertEquals(16, RpcRelay.cost(batch));
        assertEquals(1, RpcRelay.cost(call.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, RpcRelay.cost("[".getBytes(StandardCharsets.UTF_8)), "malformed: refused without a node call");
        byte[] tooBig = ("[" + String.join(",", java.util.Collections.nCopies(17, call)) + "]").getBytes(StandardCharsets.UTF_8);
        assertEquals(1, RpcRelay.cost(tooBig), "an oversized batch is refused without a node call");
        RateLimit limit = new RateLimit(20, 1_000, 10_000, () -> 5L);
        assertTrue(limit.allow("a", RpcRelay.cost(batch)));
        assertFalse(limit.allow("a", RpcRelay.cost(batch)), "32 calls are over 20");
        assertTrue(limit.allow("a", 4), "what is left of the window");
        assertFalse(limit.allow("a"));
    }

    /** The relay's client is the web surfaces' one: an IPv6 /64 shares one budget, IPv4 addresses each have their own. */
    @Test
    void anIpv6Slash64SharesOneBudgetAndIpv4IsExact() {
        byte[] call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"btc_blockNumber\"}".getBytes(StandardCharsets.UTF_8);
        RpcRelayServlet servlet = new RpcRelayServlet(null, new RateLimit(2, 1_000, 10_000, () -> 5L));
        assertTrue(servlet.admit("2001:db8:1:2::1", call) && servlet.admit("2001:db8:1:2:ffff::7", call));
        assertFalse(servlet.admit("2001:db8:1:2:aaaa:bbbb:cccc:dddd", call), "a third address of the same /64");
        assertTrue(servlet.admit("2001:db8:1:3::1", call), "the next /64 is another client");
        assertTrue(servlet.admit("192.0.2.7", call) && servlet.admit("192.0.2.7", call));
        assertFalse(servlet.admit("192.0.2.7", call));
        assertTrue(servlet.admit("192.0.2.8", call), "the next IPv4 address is another client");
    }
}
