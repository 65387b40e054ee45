package org.blockhost.rootagent.internal.action;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One entry of the action table: its name, typed parameters and implementation. */
public final class ActionSpec {
    /** The implementation of an action; gets only validated arguments. */
    @FunctionalInterface
    public interface Handler {
        Map<String, Object> run(Args args, AgentContext ctx) throws ActionException;
    }

    private final String name;
    private final List<Param> params;
    private final Handler handler;

    ActionSpec(String name, List<Param> params, Handler handler) {
        this.name = name;
        this.params = List.copyOf(params);
        this.handler = handler;
    }

    public String name() {
        return name;
    }

    public List<Param> params() {
        return params;
    }

    public Handler handler() {
        return handler;
    }

    /** Actions that read or write BlockHost's directories (a path parameter, or keys/templates/disks). */
    private static final java.util.Set<String> FILE_ACTIONS = java.util.Set.of("key-write", "template-build",
            "vm-undefine");

    public boolean touchesFiles() {
        return FILE_ACTIONS.contains(name) || params.stream().anyMatch(p -> p instanceof PathParam);
    }

    /** Validates all parameters: unknown, missing and mistyped ones are refused. */
    public Args validate(ObjectNode raw, AgentConfig config) throws ActionException {
        Map<String, Param> byName = new LinkedHashMap<>();
        params.forEach(p -> byName.put(p.name(), p));
        for (Iterator<String> it = raw.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!byName.containsKey(f)) {
                throw ActionException.rejected("action '" + name + "' has no parameter '" + printable(f) + "'");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> loggable = new LinkedHashMap<>();
        for (Param p : params) {
            JsonNode v = raw.get(p.name());
            Object value;
            if (v == null) {
                if (p.required()) {
                    throw ActionException.rejected("action '" + name + "': missing parameter '" + p.name() + "'");
                }
                value = p.defaultValue();
            } else {
                value = p.validate(v, config);
            }
            values.put(p.name(), value);
            if (value != null) {
                loggable.put(p.name(), p.secret() ? "<secret>" : String.valueOf(value));
            }
        }
        return Args.of(values, loggable);
    }

    /** A name shortened and stripped of anything unprintable, for messages and logs. */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 64; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 64 ? b + "..." : b.toString();
    }
}
