package org.blockhost.core.internal.admin;

/** A command that was refused (bad parameters: nothing done) or failed while being carried out. */
final class AdminActionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean refused;

    private AdminActionException(boolean refused, String message) {
        super(message, null, false, false);
        this.refused = refused;
    }

    static AdminActionException refused(String message) {
        return new AdminActionException(true, message);
    }

    static AdminActionException failed(String message) {
        return new AdminActionException(false, message);
    }

    /** The stored status: {@code refused} or {@code failed}. */
    String status() {
        return refused ? "refused" : "failed";
    }
}
