package org.blockhost.rootagent.internal.action;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one code path for every call, daemon or in-process: look up the action, validate its
 * parameters, run it, audit-log the outcome.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final AgentContext ctx;
    private final AuditLog audit;

    public Dispatcher(AgentContext ctx, AuditLog audit) {
        this.ctx = ctx;
        this.audit = audit;
    }

    public AgentContext context() {
        return ctx;
    }

    public AuditLog audit() {
        return audit;
    }

    /** Validates and runs; returns the action's result fields. */
    public Map<String, Object> call(String action, JsonNode params, Caller caller) throws ActionException {
        long start = System.nanoTime();
        ActionSpec spec = ActionTable.get(action);
        if (spec == null) {
            audit.record(ActionSpec.printable(action), caller, names(params), "rejected: unknown action", ms(start));
            throw ActionException.rejected("unknown action '" + ActionSpec.printable(action) + "'");
        }
        if (!(params instanceof ObjectNode obj)) {
            audit.record(action, caller, Map.of(), "rejected: params not an object", ms(start));
            throw ActionException.rejected("'params' must be a JSON object");
        }
        Args args;
        try {
            checkRoots(spec);
            args = spec.validate(obj, ctx.config());
        } catch (ActionException e) {
            audit.record(action, caller, names(params), "rejected: " + e.getMessage(), ms(start));
            throw e;
        }
        return run(spec, args, caller, start);
    }

    private Map<String, Object> run(ActionSpec spec, Args args, Caller caller, long start) throws ActionException {
        try {
            Map<String, Object> result = spec.handler().run(args, ctx);
            audit.record(spec.name(), caller, args.loggable(), "ok", ms(start));
            return result;
        } catch (ActionException e) {
            audit.record(spec.name(), caller, args.loggable(), e.kind().name().toLowerCase() + ": " + e.getMessage(), ms(start));
            throw e;
        } catch (RuntimeException e) {
            LOG.error("action {} crashed", spec.name(), e);
            audit.record(spec.name(), caller, args.loggable(), "failed: internal error", ms(start));
            throw ActionException.failed("internal error in " + spec.name());
        }
    }

    /**
     * Every action that touches BlockHost's directories first re-checks all confinement roots and
     * their ancestors: a root swapped for a symlink (or, in the daemon, made writable by others)
     * since start-up refuses the action.
     */
    private void checkRoots(ActionSpec spec) throws ActionException {
        if (!spec.touchesFiles()) {
            return;
        }
        try {
            ctx.config().checkRoots(true);
        } catch (java.io.IOException e) {
            throw ActionException.rejected(e.getMessage());
        }
    }

    /** For refused calls: only the parameter names (values may be secrets sent in the wrong field). */
    private static Map<String, Object> names(JsonNode params) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (params != null && params.isObject()) {
            int n = 0;
            for (Iterator<String> it = params.fieldNames(); it.hasNext() && n++ < 20;) {
                m.put(ActionSpec.printable(it.next()), "?");
            }
        }
        return m;
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
