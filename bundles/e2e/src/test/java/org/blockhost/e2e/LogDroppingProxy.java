package org.blockhost.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A JSON-RPC proxy on loopback between the runtime's engine and anvil that loses one kind of log the
 * way a faulty or lagging provider does: every {@code eth_getLogs} answer (range and by-hash, single
 * or batched) comes back without the logs whose topic 0 is {@code topic}, as a normal answer with no
 * error. Everything else is forwarded unchanged.
 */
final class LogDroppingProxy implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI upstream;
    private final String topic;
    private final AtomicInteger logQueries = new AtomicInteger();
    private final AtomicInteger removed = new AtomicInteger();

    LogDroppingProxy(String upstreamUrl, String topic) throws IOException {
        this.upstream = URI.create(upstreamUrl);
        this.topic = topic.toLowerCase();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code eth_getLogs} calls answered so far. */
    int logQueries() {
        return logQueries.get();
    }

    /** Logs removed from answers so far. */
    int removed() {
        return removed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer = forward(request);
            Set<String> logIds = logQueryIds(Stack.JSON.readTree(request));
            if (!logIds.isEmpty()) {
                JsonNode tree = Stack.JSON.readTree(answer);
                for (JsonNode reply : tree.isArray() ? tree : java.util.List.of(tree)) {
                    if (logIds.contains(reply.path("id").toString())) {
                        logQueries.incrementAndGet();
                        strip(reply.path("result"));
                    }
                }
                answer = Stack.JSON.writeValueAsString(tree);
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(502, -1);
        }
    }

    private static Set<String> logQueryIds(JsonNode request) {
        Set<String> ids = new HashSet<>();
        for (JsonNode call : request.isArray() ? request : java.util.List.of(request)) {
            if ("eth_getLogs".equals(call.path("method").asText())) {
                ids.add(call.path("id").toString());
            }
        }
        return ids;
    }

    private void strip(JsonNode logs) {
        if (!(logs instanceof ArrayNode array)) {
            return;
        }
        for (int i = array.size() - 1; i >= 0; i--) {
            if (topic.equals(array.get(i).path("topics").path(0).asText().toLowerCase())) {
                array.remove(i);
                removed.incrementAndGet();
            }
        }
    }

    private String forward(String request) throws IOException {
        try {
            return client.send(HttpRequest.newBuilder(upstream).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
