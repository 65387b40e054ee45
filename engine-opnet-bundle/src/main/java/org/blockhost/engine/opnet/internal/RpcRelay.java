package org.blockhost.engine.opnet.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.blockhost.engine.api.ChainUnavailableException;

/**
 * The read-only JSON-RPC relay behind {@code /api/public/rpc}: what the buyer pages' SDK (simulation, UTXOs, gas,
 * challenge, confirmation reads) asks the engine's node, and nothing else. A fixed allow-list of read methods; every
 * write and broadcast ({@code btc_sendRawTransaction*}, {@code btc_submitEpoch}: broadcasting is the wallet's job) and
 * any other method refused; a request (single or a batch of at most {@link #MAX_BATCH}) at most {@link #MAX_REQUEST}
 * bytes; the node's answer bounded by the {@link OpnetRpc} given. Only {@code jsonrpc}, the caller's {@code id} and the
 * node's {@code result} go back: a node error or outage becomes one fixed sentence, never the node's text or its URL.
 */
final class RpcRelay {
    static final int MAX_REQUEST = 64 * 1024;
    static final int MAX_BATCH = 16;
    static final Set<String> READS = Set.of("btc_blockNumber", "btc_chainId", "btc_call", "btc_gas", "btc_getUTXOs",
            "btc_preimage", "btc_getBalance", "btc_publicKeyInfo", "btc_getCode", "btc_getTransactionReceipt",
            "btc_getTransactionByHash");
    static final String UNAVAILABLE = "The node cannot be read right now. Try again in a minute.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpnetRpc rpc;

    RpcRelay(OpnetRpc rpc) {
        this.rpc = rpc;
    }

    /**
     * How many node calls {@code body} asks for, as the rate limit counts them: a batch's size (a batch over
     * {@link #MAX_BATCH} is refused without calling the node, so it costs 1), otherwise 1.
     */
    static int cost(byte[] body) {
        if (body.length > MAX_REQUEST) {
            return 1;
        }
        try {
            JsonNode request = JSON.readTree(body);
            return request != null && request.isArray() && request.size() <= MAX_BATCH ? Math.max(1, request.size()) : 1;
        } catch (java.io.IOException e) {
            return 1;
        }
    }

    /** The answer to a request body (a JSON-RPC object or a batch); a malformed one gets a JSON-RPC error, never an exception. */
    JsonNode answer(byte[] body) {
        if (body.length > MAX_REQUEST) {
            return error(null, -32600, "The request is larger than " + MAX_REQUEST + " bytes.");
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (java.io.IOException e) {
            return error(null, -32700, "The request is not JSON.");
        }
        if (request != null && request.isArray()) {
            if (request.isEmpty() || request.size() > MAX_BATCH) {
                return error(null, -32600, "A batch holds 1 to " + MAX_BATCH + " requests.");
            }
            ArrayNode answers = JSON.createArrayNode();
            request.forEach(r -> answers.add(one(r)));
            return answers;
        }
        return one(request);
    }

    private ObjectNode one(JsonNode request) {
        if (request == null || !request.isObject() || !request.path("method").isTextual()) {
            return error(null, -32600, "Not a JSON-RPC request.");
        }
        JsonNode id = request.get("id");
        if (id != null && !id.isNumber() && !id.isTextual() && !id.isNull()) {
            return error(null, -32600, "The id must be a number or a string.");
        }
        String method = request.get("method").asText();
        if (!READS.contains(method)) {
            return error(id, -32601, "This host relays chain reads only; the wallet sends transactions itself.");
        }
        JsonNode params = request.get("params");
        if (params != null && !params.isArray()) {
            return error(id, -32602, "params must be an array.");
        }
        try {
            ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
            answer.set("id", id);
            answer.set("result", rpc.call(method, params == null ? JSON.createArrayNode() : (ArrayNode) params));
            return answer;
        } catch (ChainUnavailableException e) {
            return error(id, -32603, UNAVAILABLE);
        }
    }

    static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", id);
        answer.putObject("error").put("code", code).put("message", message);
        return answer;
    }

    static byte[] bytes(JsonNode answer) {
        try {
            return JSON.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
