package org.blockhost.provisioner.proxmox.internal.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Validated parameters as typed values: integer → Long, number → Double, boolean → Boolean, array → List. */
final class Typed {
    private Typed() {
    }

    static Map<String, Object> of(ApiSchema.Endpoint ep, Map<String, List<String>> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, List<String>> all = new LinkedHashMap<>(params);
        ep.pathParams().forEach((k, v) -> all.put(k, List.of(v)));
        JsonNode props = ep.method().path("parameters").path("properties");
        all.forEach((k, v) -> {
            JsonNode s = props.has(k) ? props.get(k) : props.path(k.replaceAll("[0-9]+$", "") + "[n]");
            out.put(k, switch (s.path("type").asText("string")) {
                case "integer" -> Long.parseLong(v.get(0));
                case "number" -> Double.parseDouble(v.get(0));
                case "boolean" -> v.get(0).matches("(?i)1|true|yes|on");
                case "array" -> List.copyOf(v);
                default -> v.get(0);
            });
        });
        return out;
    }
}
