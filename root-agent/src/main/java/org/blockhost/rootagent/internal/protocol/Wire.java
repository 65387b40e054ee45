package org.blockhost.rootagent.internal.protocol;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.ActionException.Kind;

/**
 * The JSON of the protocol. Request: {@code {"action": "...", "params": {...}}}, nothing else.
 * Response: {@code {"ok": true, "result": {...}}} or {@code {"ok": false, "kind":
 * "rejected|failed|unavailable", "error": "..."}}.
 */
public final class Wire {
    public static final ObjectMapper JSON = mapper();

    private Wire() {
    }

    /** A parsed request. */
    public record Request(String action, JsonNode params) {
    }

    private static ObjectMapper mapper() {
        JsonFactory f = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8)
                        .maxStringLength(Frames.MAX_FRAME).maxNumberLength(32).build())
                .build();
        ObjectMapper m = new ObjectMapper(f);
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return m;
    }

    public static Request parseRequest(byte[] payload) throws ActionException {
        JsonNode n;
        try {
            n = JSON.readTree(payload);
        } catch (IOException | RuntimeException e) {
            throw ActionException.rejected("invalid JSON");
        }
        if (n == null || !n.isObject()) {
            throw ActionException.rejected("request must be a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!f.equals("action") && !f.equals("params")) {
                throw ActionException.rejected("unknown request field (allowed: action, params)");
            }
        }
        JsonNode action = n.get("action");
        if (action == null || !action.isTextual()) {
            throw ActionException.rejected("'action' must be a string");
        }
        JsonNode params = n.get("params");
        if (params == null || !params.isObject()) {
            throw ActionException.rejected("'params' must be a JSON object");
        }
        return new Request(action.textValue(), params);
    }

    public static byte[] request(String action, Map<String, Object> params) throws IOException {
        ObjectNode n = JSON.createObjectNode().put("action", action);
        n.set("params", JSON.valueToTree(params == null ? Map.of() : params));
        return JSON.writeValueAsBytes(n);
    }

    public static byte[] ok(Map<String, Object> result) {
        ObjectNode n = JSON.createObjectNode().put("ok", true);
        n.set("result", JSON.valueToTree(result));
        return bytes(n);
    }

    public static byte[] error(Kind kind, String message) {
        ObjectNode n = JSON.createObjectNode().put("ok", false)
                .put("kind", kind.name().toLowerCase(java.util.Locale.ROOT)).put("error", message);
        return bytes(n);
    }

    private static byte[] bytes(ObjectNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
