package org.blockhost.provisioner.proxmox.internal.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real Proxmox VE API schema ({@code shared/proxmox/api-schema.json}) as a request validator:
 * path and method must exist, every parameter must be declared (indexed {@code net0} against
 * {@code net[n]}), required ones present, and each value must pass its type, range, length,
 * pattern, enum and format ({@link Formats}); unknown formats are refused, never waved through.
 * Answers are checked against the return schema too, so the test server answers in real shapes.
 */
public final class ApiSchema {
    private final JsonNode paths;

    /** A matched endpoint: the template path, its method schema and the path parameters. */
    public record Endpoint(String template, JsonNode method, Map<String, String> pathParams) { }

    private ApiSchema(JsonNode paths) {
        this.paths = paths;
    }

    public static ApiSchema load() throws IOException {
        String file = System.getProperty("blockhost.pve.schema", "../../shared/proxmox/api-schema.json");
        return new ApiSchema(new ObjectMapper().readTree(Path.of(file).toFile()).get("paths"));
    }

    /** The endpoint for a method and a path below {@code /api2/json}; empty when the API has none. */
    public Optional<Endpoint> match(String method, String path) {
        String[] seg = path.split("/", -1);
        Endpoint best = null;
        int bestLiterals = -1;
        Iterator<Map.Entry<String, JsonNode>> it = paths.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String[] t = e.getKey().split("/", -1);
            if (t.length != seg.length || !e.getValue().has(method)) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            int literals = 0;
            boolean ok = true;
            for (int i = 0; i < t.length && ok; i++) {
                if (t[i].startsWith("{") && t[i].endsWith("}")) {
                    ok = !seg[i].isEmpty();
                    params.put(t[i].substring(1, t[i].length() - 1), seg[i]);
                } else {
                    ok = t[i].equals(seg[i]);
                    literals++;
                }
            }
            if (ok && literals > bestLiterals) {
                best = new Endpoint(e.getKey(), e.getValue().get(method), params);
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Validates all parameters (path ones included) of a request; answers PVE's per-parameter
     * errors, empty when the request is valid.
     */
    public Map<String, String> validate(Endpoint ep, Map<String, List<String>> given) {
        Map<String, String> errors = new LinkedHashMap<>();
        JsonNode props = ep.method().path("parameters").path("properties");
        Map<String, List<String>> all = new LinkedHashMap<>(given);
        ep.pathParams().forEach((k, v) -> all.put(k, List.of(v)));
        for (Map.Entry<String, List<String>> p : all.entrySet()) {
            JsonNode schema = propertyFor(props, p.getKey());
            if (schema == null) {
                errors.put(p.getKey(), "property is not defined in schema and the schema does not allow additional properties");
                continue;
            }
            String err = Values.check(schema, p.getValue());
            if (err != null) {
                errors.put(p.getKey(), err);
            }
        }
        Iterator<Map.Entry<String, JsonNode>> it = props.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().contains("[n]") && e.getValue().path("optional").asInt() != 1 && !all.containsKey(e.getKey())) {
                errors.put(e.getKey(), "property is missing and it is not optional");
            }
        }
        return errors;
    }

    /** {@code net0} → the schema of {@code net[n]}. */
    private static JsonNode propertyFor(JsonNode props, String name) {
        if (props.has(name)) {
            return props.get(name);
        }
        String base = name.replaceAll("[0-9]+$", "");
        return !base.equals(name) && props.has(base + "[n]") ? props.get(base + "[n]") : null;
    }

    /** Problems of an answer's {@code data} against the endpoint's return schema (empty = fine). */
    public List<String> checkReturn(Endpoint ep, JsonNode data) {
        List<String> out = new ArrayList<>();
        Values.checkReturn(ep.method().path("returns"), data, "data", out);
        return out;
    }
}
