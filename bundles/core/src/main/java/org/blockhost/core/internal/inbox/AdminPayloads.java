package org.blockhost.core.internal.inbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What core keeps of a decrypted admin command: its SHA-256, the command name and the names of its
 * parameters. Parameter values may be secrets and the plaintext was encrypted on chain for a
 * reason, so neither is ever stored.
 */
final class AdminPayloads {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
    private static final Pattern PARAM = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private AdminPayloads() {
    }

    /** {@code {"sha256":…,"command":…,"params":[names]}}; fields that do not parse are left out. */
    static String summary(String payload) {
        ObjectNode out = MAPPER.createObjectNode().put("sha256", sha256(payload));
        try {
            JsonNode root = MAPPER.readTree(payload);
            JsonNode command = root == null ? null : root.get("command");
            if (command != null && command.isTextual() && NAME.matcher(command.textValue()).matches()) {
                out.put("command", command.textValue());
            }
            JsonNode params = root == null ? null : root.get("params");
            if (params != null && params.isObject()) {
                List<String> names = new ArrayList<>();
                params.fieldNames().forEachRemaining(n -> names.add(PARAM.matcher(n).matches() ? n : "?"));
                names.sort(null);
                names.forEach(out.putArray("params")::add);
            }
        } catch (java.io.IOException e) {
            out.put("unparsable", true);
        }
        return out.toString();
    }

    private static String sha256(String payload) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte b : d) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
