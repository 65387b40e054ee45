package org.blockhost.rootagent.internal.action;

/** An action was refused or failed. The message is safe to show to the caller and to log. */
public final class ActionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Mirrors the client API's kinds; kept separate so the daemon does not need the OSGi API. */
    public enum Kind { REJECTED, FAILED, UNAVAILABLE }

    private final Kind kind;

    public ActionException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ActionException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static ActionException rejected(String message) {
        return new ActionException(Kind.REJECTED, message);
    }

    public static ActionException failed(String message) {
        return new ActionException(Kind.FAILED, message);
    }

    public Kind kind() {
        return kind;
    }
}
