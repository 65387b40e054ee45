package org.blockhost.crypto.vectors;

import java.util.Iterator;
import java.util.Map;

import org.blockhost.crypto.api.SiweException;
import org.blockhost.crypto.api.SiweMessage;
import org.blockhost.crypto.internal.siwe.SiweFields;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** spruceid/siwe parsing_positive / parsing_negative / parsing_negative_objects. */
class SiweVectorsTest {

    @Test
    void parsingPositive() {
        Vectors.Tally t = new Vectors.Tally("siwe/parsing_positive.json");
        Iterator<Map.Entry<String, JsonNode>> it = Vectors.json("siwe/parsing_positive.json").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String text = e.getValue().get("message").asText();
            try {
                SiweMessage m = SiweMessage.parse(text);
                JsonNode actual = Vectors.JSON.readTree(Vectors.JSON.writeValueAsString(SiweFields.toMap(m)));
                JsonNode expected = withoutNulls(e.getValue().get("fields"));
                if (!expected.equals(actual)) {
                    t.failCase(e.getKey(), "fields differ: " + actual);
                } else if (!m.toMessage().equals(text)) {
                    t.failCase(e.getKey(), "re-serialised message differs");
                } else {
                    t.pass(e.getKey(), true);
                }
            } catch (SiweException | java.io.IOException ex) {
                t.failCase(e.getKey(), "rejected: " + ex.getMessage());
            }
        }
        t.report();
    }

    @Test
    void parsingNegative() {
        Vectors.Tally t = new Vectors.Tally("siwe/parsing_negative.json");
        Iterator<Map.Entry<String, JsonNode>> it = Vectors.json("siwe/parsing_negative.json").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            t.check(e.getKey(), false, parses(e.getValue().asText()));
        }
        t.report();
    }

    @Test
    void parsingNegativeObjects() {
        Vectors.Tally t = new Vectors.Tally("siwe/parsing_negative_objects.json");
        Iterator<Map.Entry<String, JsonNode>> it = Vectors.json("siwe/parsing_negative_objects.json").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Map<String, Object> fields = Vectors.JSON.convertValue(e.getValue(), new TypeReference<Map<String, Object>>() { });
            boolean built;
            try {
                SiweFields.fromMap(fields);
                built = true;
            } catch (SiweException ex) {
                built = false;
            }
            t.check(e.getKey(), false, built);
        }
        t.report();
    }

    private static boolean parses(String text) {
        try {
            SiweMessage.parse(text);
            return true;
        } catch (SiweException ex) {
            return false;
        }
    }

    private static JsonNode withoutNulls(JsonNode fields) {
        ObjectNode copy = fields.deepCopy();
        copy.properties().removeIf(en -> en.getValue().isNull());
        return copy;
    }
}
