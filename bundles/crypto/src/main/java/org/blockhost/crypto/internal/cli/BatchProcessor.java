package org.blockhost.crypto.internal.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code blockhost crypto batch}: one JSON request per input line, one JSON response per output line, in order,
 * echoing {@code "id"}. Bad input never stops the loop: it yields {@code {"id": …, "error": "…"}}.
 */
public final class BatchProcessor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Operation> OPS;

    static {
        Map<String, Operation> ops = new HashMap<>();
        EthereumOps.register(ops);
        CipherOps.register(ops);
        OPS = Collections.unmodifiableMap(ops);
    }

    private BatchProcessor() {
    }

    /** The supported operation names, sorted. */
    public static Iterable<String> operations() {
        return new TreeSet<>(OPS.keySet());
    }

    /** Processes lines until end of input; blank lines are ignored. Flushes after every response. */
    public static void run(BufferedReader in, Writer out) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            out.write(handleLine(line));
            out.write('\n');
            out.flush();
        }
    }

    /** Handles one request line and returns the response line (without newline). */
    public static String handleLine(String line) {
        Object id = null;
        Map<String, Object> response = new LinkedHashMap<>();
        try {
            JsonNode req = JSON.readTree(line);
            if (req == null || !req.isObject()) {
                throw new BadRequestException("request must be a JSON object");
            }
            JsonNode idNode = req.get("id");
            id = idNode == null ? null : JSON.treeToValue(idNode, Object.class);
            response.put("id", id);
            response.putAll(dispatch(req));
        } catch (JsonProcessingException e) {
            response.clear();
            response.put("id", id);
            response.put("error", "invalid JSON: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            response.clear();
            response.put("id", id);
            response.put("error", message(e));
        }
        return serialize(response);
    }

    private static Map<String, Object> dispatch(JsonNode req) {
        JsonNode opNode = req.get("op");
        if (opNode == null || !opNode.isTextual()) {
            throw new BadRequestException("missing field 'op'");
        }
        Operation op = OPS.get(opNode.asText());
        if (op == null) {
            throw new BadRequestException("unknown op '" + truncate(opNode.asText()) + "'");
        }
        return op.apply(new Request(req));
    }

    private static String message(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }

    private static String truncate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static String serialize(Map<String, Object> response) {
        try {
            return JSON.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            return "{\"id\":null,\"error\":\"cannot serialise response\"}";
        }
    }
}
