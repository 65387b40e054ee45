package org.blockhost.crypto.internal.cli;

import java.nio.charset.StandardCharsets;

import org.blockhost.crypto.api.Hex;

import com.fasterxml.jackson.databind.JsonNode;

/** Typed, validated access to the fields of one batch request. Error messages name the field, never its value. */
final class Request {
    private final JsonNode node;

    Request(JsonNode node) {
        this.node = node;
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new BadRequestException("missing field '" + field + "'");
        }
        if (!v.isTextual()) {
            throw new BadRequestException("field '" + field + "' must be a string");
        }
        return v.asText();
    }

    String optText(String field) {
        return has(field) ? text(field) : null;
    }

    byte[] hex(String field) {
        String s = text(field);
        if (!Hex.isHex(s)) {
            throw new BadRequestException("field '" + field + "' is not an even-length hex string");
        }
        return Hex.decode(s);
    }

    byte[] optHex(String field, byte[] dflt) {
        return has(field) ? hex(field) : dflt;
    }

    /** {@code message} (UTF-8 text) or {@code messageHex}; exactly one must be present. */
    byte[] message() {
        boolean text = has("message");
        boolean hex = has("messageHex");
        if (text == hex) {
            throw new BadRequestException("exactly one of 'message' or 'messageHex' is required");
        }
        return text ? text("message").getBytes(StandardCharsets.UTF_8) : hex("messageHex");
    }

    boolean optBool(String field, boolean dflt) {
        if (!has(field)) {
            return dflt;
        }
        JsonNode v = node.get(field);
        if (!v.isBoolean()) {
            throw new BadRequestException("field '" + field + "' must be true or false");
        }
        return v.asBoolean();
    }

    /** A non-negative integer given as a JSON number or a decimal string. */
    long integer(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new BadRequestException("missing field '" + field + "'");
        }
        if (v.isIntegralNumber() && v.canConvertToLong() && v.asLong() >= 0) {
            return v.asLong();
        }
        if (v.isTextual() && v.asText().matches("[0-9]{1,18}")) {
            return Long.parseLong(v.asText());
        }
        throw new BadRequestException("field '" + field + "' must be a non-negative integer");
    }
}
