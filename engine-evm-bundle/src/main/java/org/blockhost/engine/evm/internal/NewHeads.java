package org.blockhost.engine.evm.internal;

import java.net.URI;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code newHeads} subscription ({@code eth_subscribe}) over a WebSocket to the RPC node, through
 * the engine's okhttp client (so the same address policy applies). Every notification runs
 * {@code onHead}; the payload is not used: the watcher reads the chain itself. {@link #live()} is
 * true from the node's confirmation of the subscription until the socket fails or closes.
 */
final class NewHeads {
    private static final Logger LOG = LoggerFactory.getLogger(NewHeads.class);
    private static final String SUBSCRIBE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\","
            + "\"params\":[\"newHeads\"]}";

    private final OkHttpClient client;
    private final URI url;
    private final Runnable onHead;
    private volatile WebSocket socket;
    private volatile boolean live;
    private volatile int generation;

    NewHeads(OkHttpClient client, URI url, Runnable onHead) {
        this.client = client.newBuilder().pingInterval(Duration.ofSeconds(20)).build();
        this.url = url;
        this.onHead = onHead;
    }

    /** The WebSocket URL of an http(s) RPC URL: same host, port and path, scheme ws(s). */
    static URI webSocketUrl(URI rpc) {
        String scheme = "https".equals(rpc.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + rpc.toString().substring(rpc.getScheme().length()));
    }

    boolean live() {
        return live;
    }

    /** Opens a new socket (closing an earlier one); the outcome arrives asynchronously. */
    synchronized void connect() {
        close();
        generation++;
        String http = url.toString().replaceFirst("^ws", "http");
        socket = client.newWebSocket(new Request.Builder().url(http).build(), new Listener(generation));
    }

    synchronized void close() {
        live = false;
        generation++;
        if (socket != null) {
            socket.cancel();
            socket = null;
        }
    }

    private final class Listener extends WebSocketListener {
        private final int mine;

        Listener(int generation) {
            this.mine = generation;
        }

        private boolean current() {
            return mine == generation;
        }
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            webSocket.send(SUBSCRIBE);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            if (!current()) {
                return;
            }
            if (text.contains("\"eth_subscription\"")) {
                onHead.run();
            } else if (text.contains("\"id\":1") && text.contains("\"result\"")) {
                live = true;
                LOG.info("new heads by WebSocket subscription");
                onHead.run();
            } else if (text.contains("\"error\"")) {
                LOG.info("the RPC refused the newHeads subscription; polling");
                webSocket.cancel();
            }
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            if (current()) {
                if (live) {
                    LOG.warn("new heads WebSocket failed ({}); polling until it reconnects",
                            t.getClass().getSimpleName());
                }
                live = false;
            }
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            if (current()) {
                live = false;
            }
        }
    }
}
