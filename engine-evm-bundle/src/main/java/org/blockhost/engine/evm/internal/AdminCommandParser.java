package org.blockhost.engine.evm.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses a decrypted admin command: a UTF-8 JSON object with exactly {@code command} (1–64 of
 * {@code [a-z0-9_.-]}, starting with a letter), {@code params} (object), {@code nonce} (integer ≥ 1)
 * and {@code expires} (unix seconds, after the including block's time). Anything else is refused
 * (fail closed); messages name the rule only, never the content.
 */
final class AdminCommandParser {
    private static final Pattern COMMAND = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
    private static final Set<String> FIELDS = Set.of("command", "params", "nonce", "expires");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    /** A valid command; {@code payload} = {@code {"command":…,"params":…}}. */
    record Command(String command, String payload, long nonce, long expires) {
    }

    static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    private AdminCommandParser() {
    }

    static Command parse(byte[] utf8, long blockTime) throws Rejected {
        JsonNode root = tree(utf8);
        if (!root.isObject() || root.size() != FIELDS.size() || !FIELDS.stream().allMatch(root::has)) {
            throw new Rejected("not an object with exactly command, params, nonce, expires");
        }
        JsonNode command = root.get("command");
        if (!command.isTextual() || !COMMAND.matcher(command.textValue()).matches()) {
            throw new Rejected("bad command name");
        }
        if (!root.get("params").isObject()) {
            throw new Rejected("params is not an object");
        }
        long nonce = integer(root.get("nonce"), "nonce");
        long expires = integer(root.get("expires"), "expires");
        if (nonce < 1) {
            throw new Rejected("nonce must be ≥ 1");
        }
        if (expires <= blockTime) {
            throw new Rejected("expired");
        }
        ObjectNode payload = JSON.createObjectNode();
        payload.set("command", command);
        payload.set("params", root.get("params"));
        return new Command(command.textValue(), payload.toString(), nonce, expires);
    }

    private static JsonNode tree(byte[] utf8) throws Rejected {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
            JsonNode node = JSON.readTree(text);
            if (node == null) {
                throw new Rejected("empty");
            }
            return node;
        } catch (CharacterCodingException e) {
            throw new Rejected("not UTF-8");
        } catch (IOException e) {
            throw new Rejected("not JSON");
        }
    }

    private static long integer(JsonNode node, String name) throws Rejected {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new Rejected(name + " is not an integer");
        }
        return node.longValue();
    }
}
