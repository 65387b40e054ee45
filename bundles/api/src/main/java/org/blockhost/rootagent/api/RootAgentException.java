package org.blockhost.rootagent.api;

/** A root agent call failed; {@link #kind()} says whether retrying can help. */
public class RootAgentException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a call failed. */
    public enum Kind {
        /** The daemon could not be reached or did not answer in time: retry later. */
        UNAVAILABLE,
        /** The request was refused (unknown action, invalid parameter, caller not allowed): do not retry. */
        REJECTED,
        /** The action ran and failed. */
        FAILED
    }

    private final Kind kind;

    public RootAgentException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RootAgentException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
