package org.blockhost.rootagent.internal.action;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON array of 1..maxItems distinct strings, each matching {@code pattern} in full. */
final class ListParam extends Param {
    private final Pattern pattern;
    private final int maxLength;
    private final int maxItems;

    ListParam(String name, Pattern pattern, int maxLength, int maxItems) {
        super(name);
        this.pattern = pattern;
        this.maxLength = maxLength;
        this.maxItems = maxItems;
    }

    @Override
    public String describe() {
        return "an array of 1 to " + maxItems + " distinct strings of at most " + maxLength
                + " characters matching " + pattern.pattern();
    }

    @Override
    protected Object check(JsonNode value, AgentConfig config) throws ActionException {
        if (!value.isArray() || value.isEmpty() || value.size() > maxItems) {
            throw invalid();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : value) {
            if (!e.isTextual() || e.textValue().length() > maxLength || !pattern.matcher(e.textValue()).matches()
                    || out.contains(e.textValue())) {
                throw invalid();
            }
            out.add(e.textValue());
        }
        return List.copyOf(out);
    }
}
