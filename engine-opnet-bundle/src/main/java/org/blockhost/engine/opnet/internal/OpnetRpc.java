package org.blockhost.engine.opnet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.blockhost.engine.api.ChainUnavailableException;

/**
 * JSON-RPC 2.0 over HTTP to an OPNet node, with the method names and parameter shapes of the SDK
 * ({@code opnet} 1.8, {@code JSONRpcMethods} / {@code AbstractRpcProvider}): {@code btc_blockNumber []},
 * {@code btc_getBlockByNumber [height, prefetchTxs]}. Every failure (I/O, HTTP status, JSON-RPC error,
 * missing or malformed result) is a {@link ChainUnavailableException} whose message names the method but
 * never the URL (it may hold an API key). Thread-safe.
 */
public final class OpnetRpc {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024 * 1024;

    private final HttpClient http;
    private final URI url;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong(1);
    private final int maxBody;

    public OpnetRpc(URI url, Duration timeout) {
        this(url, timeout, MAX_BODY);
    }

    /** {@code maxBody}: the largest answer read, in bytes (a bigger one is "unavailable", never read whole). */
    OpnetRpc(URI url, Duration timeout, int maxBody) {
        this.maxBody = maxBody;
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The node's latest block height ({@code btc_blockNumber}). */
    public long blockNumber() throws ChainUnavailableException {
        return OpnetBlock.number(call("btc_blockNumber", JSON.createArrayNode()), "btc_blockNumber result");
    }

    /** The block at {@code height} with its transactions, events and reverts ({@code btc_getBlockByNumber}). */
    public OpnetBlock block(long height) throws ChainUnavailableException {
        ArrayNode params = JSON.createArrayNode().add(height).add(true);
        JsonNode result = call("btc_getBlockByNumber", params);
        if (result.isNull()) {
            throw new ChainUnavailableException("block " + height + " is not known to the node");
        }
        OpnetBlock block = OpnetBlock.parse(result);
        if (block.height() != height) {
            throw new ChainUnavailableException("asked for block " + height + ", node answered " + block.height());
        }
        return block;
    }

    /**
     * Whether the node shows contract code at {@code address} ({@code btc_getCode [address, true]}, the SDK's
     * {@code getCode(address, true)}: {@code {"bytecode": base64}}); a node that does not know it answers an error.
     */
    public boolean hasCode(String address) throws ChainUnavailableException {
        JsonNode code = call("btc_getCode", JSON.createArrayNode().add(address).add(true)).path("bytecode");
        return code.isTextual() && !code.asText().isEmpty();
    }

    JsonNode call(String method, ArrayNode params) throws ChainUnavailableException {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ids.getAndIncrement())
                .put("method", method);
        request.set("params", params);
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new ChainUnavailableException(method + ": HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(maxBody + 1);
                if (bytes.length > maxBody) {
                    throw new ChainUnavailableException(method + ": answer larger than " + maxBody + " bytes");
                }
                return result(method, bytes);
            }
        } catch (IOException e) {
            throw new ChainUnavailableException(method + ": node unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainUnavailableException(method + ": interrupted");
        }
    }

    private static JsonNode result(String method, byte[] body) throws ChainUnavailableException {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            throw new ChainUnavailableException(method + ": answer is not JSON");
        }
        if (answer == null || !answer.isObject()) {
            throw new ChainUnavailableException(method + ": answer is not a JSON-RPC object");
        }
        JsonNode error = answer.get("error");
        if (error != null && !error.isNull()) {
            String message = error.path("message").asText("");
            throw new ChainUnavailableException(method + ": node error " + error.path("code").asText("?") + " "
                    + message.substring(0, Math.min(200, message.length())));
        }
        if (!answer.has("result")) {
            throw new ChainUnavailableException(method + ": answer has no result");
        }
        return answer.get("result");
    }
}
