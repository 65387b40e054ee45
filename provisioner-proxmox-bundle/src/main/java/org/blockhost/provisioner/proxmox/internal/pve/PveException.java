package org.blockhost.provisioner.proxmox.internal.pve;

/**
 * A failed Proxmox VE API call: the HTTP status (0 when the server was not reached) and the
 * server's message. Never carries the token.
 */
public final class PveException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    public PveException(int status, String message) {
        super(message);
        this.status = status;
    }

    public PveException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** HTTP status; 0 when there was no answer (connection, TLS, timeout). */
    public int status() {
        return status;
    }

    /** Whether the same call may succeed later: no answer, a server error or a rate limit. */
    public boolean retryable() {
        return status == 0 || status >= 500 || status == 429;
    }

    /** 401: the token was refused (unknown, expired or revoked). */
    public boolean unauthorized() {
        return status == 401;
    }
}
