package org.blockhost.core.internal.active;

/**
 * A fenced plugin call did not succeed; {@link #retryable()} says whether trying again may help,
 * {@link #outage()} whether the failure was the plugin's environment being unreachable (chain RPC,
 * root agent, a call that timed out) rather than the plugin's own logic.
 */
public final class FenceException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;
    private final boolean outage;

    public FenceException(String message, boolean retryable) {
        this(message, retryable, false);
    }

    public FenceException(String message, boolean retryable, boolean outage) {
        super(message);
        this.retryable = retryable;
        this.outage = outage;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean outage() {
        return outage;
    }
}
