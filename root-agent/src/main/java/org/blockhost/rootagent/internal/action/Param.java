package org.blockhost.rootagent.internal.action;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One typed parameter of an action. Subclasses check the JSON value strictly and return the
 * validated Java value (String, Long, Boolean, ConfinedPath, IpPrefix, ...).
 */
public abstract class Param {
    private final String name;
    private boolean required = true;
    private boolean secret;
    private Object defaultValue;

    protected Param(String name) {
        this.name = name;
    }

    public final String name() {
        return name;
    }

    public final boolean required() {
        return required;
    }

    public final boolean secret() {
        return secret;
    }

    public final Object defaultValue() {
        return defaultValue;
    }

    /** Marks the parameter optional; {@code dflt} (may be null) is used when it is absent. */
    public final Param optional(Object dflt) {
        this.required = false;
        this.defaultValue = dflt;
        return this;
    }

    /** Marks the parameter secret: never audit-logged, never echoed. */
    public final Param markSecret() {
        this.secret = true;
        return this;
    }

    /** A human description of the accepted values, for error messages and the README. */
    public abstract String describe();

    /** Checks a present, non-null value. */
    protected abstract Object check(JsonNode value, AgentConfig config) throws ActionException;

    public final Object validate(JsonNode value, AgentConfig config) throws ActionException {
        if (value == null || value.isNull()) {
            throw invalid();
        }
        return check(value, config);
    }

    protected final ActionException invalid() {
        return ActionException.rejected("parameter '" + name + "': expected " + describe());
    }

    protected final ActionException invalid(String why) {
        return ActionException.rejected("parameter '" + name + "': " + why);
    }
}
