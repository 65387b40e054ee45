package org.blockhost.demo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * The decrypted credentials of a VM: the host's compact JSON
 * {@code {"v":1,"vm":"blockhost-001","host":"…","port":22,"user":"…"}}. Parsing fails closed on a
 * missing or malformed field; fields added by later versions are ignored.
 */
public record VmAccess(String vm, String host, int port, String user, String json) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Parses the plaintext of a credentials blob. */
    public static VmAccess parse(byte[] plaintext) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plaintext)).toString();
        } catch (CharacterCodingException e) {
            throw new DemoException("the decrypted credentials are not UTF-8 text");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DemoException("the decrypted credentials are not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("v").isInt() || root.get("v").asInt() != 1) {
            throw new DemoException("the decrypted credentials are not a version 1 credentials object");
        }
        int port = root.path("port").isInt() ? root.get("port").asInt() : -1;
        if (port < 1 || port > 65535) {
            throw new DemoException("the decrypted credentials have no valid \"port\"");
        }
        return new VmAccess(field(root, "vm", "[a-z0-9-]{1,64}"), field(root, "host", "[A-Za-z0-9.:\\[\\]-]{1,253}"),
                port, field(root, "user", "[a-z_][a-z0-9_-]{0,31}"), text);
    }

    private static String field(JsonNode root, String name, String pattern) {
        JsonNode node = root.get(name);
        if (node == null || !node.isTextual() || !node.asText().matches(pattern)) {
            throw new DemoException("the decrypted credentials have no valid \"" + name + "\"");
        }
        return node.asText();
    }

    /** {@code ssh -p PORT USER@HOST}. */
    public String sshCommand() {
        return "ssh -p " + port + " " + user + "@" + host;
    }
}
