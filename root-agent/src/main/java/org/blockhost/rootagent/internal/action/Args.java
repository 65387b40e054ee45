package org.blockhost.rootagent.internal.action;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.blockhost.rootagent.internal.net.IpPrefix;
import org.blockhost.rootagent.internal.path.ConfinedPath;

/** Validated parameter values of one call, typed accessors only. */
public final class Args {
    private final Map<String, Object> values;
    private final Map<String, Object> loggable;

    Args(Map<String, Object> values, Map<String, Object> loggable) {
        this.values = Collections.unmodifiableMap(values);
        this.loggable = Collections.unmodifiableMap(loggable);
    }

    public String str(String name) {
        return (String) values.get(name);
    }

    public long num(String name) {
        return (Long) values.get(name);
    }

    public int integer(String name) {
        return Math.toIntExact((Long) values.get(name));
    }

    public boolean bool(String name) {
        return (Boolean) values.get(name);
    }

    @SuppressWarnings("unchecked")
    public java.util.List<String> list(String name) {
        return (java.util.List<String>) values.get(name);
    }

    public ConfinedPath path(String name) {
        return (ConfinedPath) values.get(name);
    }

    public IpPrefix ip(String name) {
        return (IpPrefix) values.get(name);
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** Parameters without secrets, as text, for the audit log. */
    public Map<String, Object> loggable() {
        return loggable;
    }

    static Args of(Map<String, Object> values, Map<String, Object> loggable) {
        return new Args(new LinkedHashMap<>(values), new LinkedHashMap<>(loggable));
    }
}
