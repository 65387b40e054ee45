package org.blockhost.provisioner.proxmox.internal.sim;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** One parameter value against its schema, the way PVE's JSONSchema checks it. */
final class Values {
    private Values() {
    }

    /** Error text, or null when the values are valid. */
    static String check(JsonNode schema, List<String> values) {
        String type = schema.path("type").asText("string");
        if (type.equals("array")) {
            for (String v : values) {
                String e = one(schema.path("items"), v);
                if (e != null) {
                    return e;
                }
            }
            return null;
        }
        if (values.size() != 1) {
            return "duplicate parameter";
        }
        return one(schema, values.get(0));
    }

    static String one(JsonNode schema, String v) {
        String type = schema.path("type").asText("string");
        switch (type) {
            case "integer" -> {
                if (!v.matches("-?[0-9]+")) {
                    return "type check ('integer') failed - got '" + v + "'";
                }
                return range(schema, Double.parseDouble(v));
            }
            case "number" -> {
                if (!v.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
                    return "type check ('number') failed - got '" + v + "'";
                }
                return range(schema, Double.parseDouble(v));
            }
            case "boolean" -> {
                return v.matches("(?i)1|true|yes|on|0|false|no|off") ? null : "type check ('boolean') failed - got '" + v + "'";
            }
            case "string" -> {
                return string(schema, v);
            }
            default -> {
                return "type '" + type + "' cannot be given as a parameter";
            }
        }
    }

    private static String range(JsonNode s, double d) {
        if (s.has("minimum") && d < s.get("minimum").asDouble()) {
            return "value must have a minimum value of " + s.get("minimum").asText();
        }
        if (s.has("maximum") && d > s.get("maximum").asDouble()) {
            return "value must have a maximum value of " + s.get("maximum").asText();
        }
        return null;
    }

    private static String string(JsonNode s, String v) {
        if (s.has("maxLength") && v.length() > s.get("maxLength").asInt()) {
            return "value may only be " + s.get("maxLength").asInt() + " characters long";
        }
        if (s.has("minLength") && v.length() < s.get("minLength").asInt()) {
            return "value must be at least " + s.get("minLength").asInt() + " characters long";
        }
        if (s.has("enum")) {
            boolean in = false;
            for (JsonNode e : s.get("enum")) {
                in |= e.asText().equals(v);
            }
            if (!in) {
                return "value '" + v + "' does not have a value in the enumeration";
            }
        }
        if (s.has("pattern") && !v.matches("(?:" + s.get("pattern").asText() + ")")) {
            return "value does not match the regex pattern";
        }
        JsonNode f = s.path("format");
        if (f.isTextual()) {
            return Formats.check(f.asText(), v);
        }
        if (f.isObject()) {
            return propertyString(f, v);
        }
        return null;
    }

    /** {@code k=v,k2=v2} against a format object; a bare value goes to the {@code default_key}. */
    static String propertyString(JsonNode format, String v) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : v.split(",", -1)) {
            int eq = part.indexOf('=');
            String k;
            String val;
            if (eq < 0) {
                k = defaultKey(format);
                val = part;
                if (k == null) {
                    return "value without key '" + part + "'";
                }
            } else {
                k = part.substring(0, eq);
                val = part.substring(eq + 1);
            }
            JsonNode ps = format.get(k);
            if (ps == null) {
                return "invalid format - unknown key '" + k + "'";
            }
            if (ps.has("alias") && ps.has("keyAlias")) {
                kv.put(ps.get("keyAlias").asText(), k);
                k = ps.get("alias").asText();
                ps = format.get(k);
            }
            if (kv.put(k, val) != null) {
                return "invalid format - duplicate key '" + k + "'";
            }
            String e = one(ps, val);
            if (e != null) {
                return "invalid format - " + k + ": " + e;
            }
        }
        Iterator<Map.Entry<String, JsonNode>> it = format.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode ps = e.getValue();
            boolean required = ps.has("type") && ps.path("optional").asInt() != 1 && !ps.has("default") && !ps.has("alias");
            if (required && !kv.containsKey(e.getKey())) {
                return "invalid format - property " + e.getKey() + " is missing";
            }
        }
        return null;
    }

    private static String defaultKey(JsonNode format) {
        Iterator<Map.Entry<String, JsonNode>> it = format.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path("default_key").asInt() == 1) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The answer's shape: types of scalars, required members of objects, every array item. */
    static void checkReturn(JsonNode schema, JsonNode data, String at, List<String> out) {
        if (schema.isMissingNode() || data == null || data.isNull()) {
            if (data != null && data.isNull() && schema.has("type") && !schema.path("type").asText().equals("null")
                    && schema.path("optional").asInt() != 1) {
                out.add(at + ": null where " + schema.get("type").asText() + " is expected");
            }
            return;
        }
        String type = schema.path("type").asText("");
        boolean ok = switch (type) {
            case "string" -> data.isTextual();
            case "integer" -> data.isIntegralNumber();
            case "number" -> data.isNumber();
            case "boolean" -> data.isBoolean() || data.isIntegralNumber() && (data.asInt() == 0 || data.asInt() == 1);
            case "array" -> data.isArray();
            case "object" -> data.isObject();
            default -> true;
        };
        if (!ok) {
            out.add(at + ": " + data.getNodeType() + " where " + type + " is expected");
            return;
        }
        if (type.equals("array")) {
            int i = 0;
            for (JsonNode item : data) {
                checkReturn(schema.path("items"), item, at + "[" + i++ + "]", out);
            }
        } else if (type.equals("object") && schema.has("properties")) {
            Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (data.has(e.getKey())) {
                    checkReturn(e.getValue(), data.get(e.getKey()), at + "." + e.getKey(), out);
                } else if (e.getValue().path("optional").asInt() != 1) {
                    out.add(at + "." + e.getKey() + " is missing");
                }
            }
        }
    }
}
