package org.blockhost.core.internal.active;

/** A fenced plugin call did not succeed; {@link #retryable()} says whether trying again may help. */
public final class FenceException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public FenceException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
