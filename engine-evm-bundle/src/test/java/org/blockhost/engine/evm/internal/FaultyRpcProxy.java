package org.blockhost.engine.evm.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JSON-RPC proxy on loopback in front of a node that can lose answers the way a lagging or
 * load-balanced provider does: the next {@link #dropLogs} range {@code eth_getLogs} answers come
 * back as an empty list (no error), after an optional delay; {@link #down} answers HTTP 503 to everything.
 * Everything else is forwarded as is.
 */
final class FaultyRpcProxy implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI upstream;
    private final AtomicInteger dropLogs = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile long delayMillis;
    private volatile boolean down;

    FaultyRpcProxy(String upstreamUrl) throws IOException {
        this.upstream = URI.create(upstreamUrl);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Empties the next {@code n} range log answers, each after {@code delay} ms. */
    void dropLogs(int n, long delay) {
        delayMillis = delay;
        dropLogs.set(n);
    }

    /** While down, every request gets HTTP 503 (the node is unreachable for its clients). */
    void down(boolean isDown) {
        down = isDown;
    }

    int dropped() {
        return dropped.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (down) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String answer;
            if (isRangeLogQuery(request) && dropLogs.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                sleep();
                dropped.incrementAndGet();
                answer = "{\"jsonrpc\":\"2.0\",\"id\":" + id(request) + ",\"result\":[]}";
            } else {
                answer = forward(request);
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static boolean isRangeLogQuery(String request) {
        return request.contains("\"eth_getLogs\"") && request.contains("fromBlock") && !request.startsWith("[");
    }

    private static String id(String request) {
        var m = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(request);
        return m.find() ? m.group(1) : "0";
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

    private void sleep() {
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
