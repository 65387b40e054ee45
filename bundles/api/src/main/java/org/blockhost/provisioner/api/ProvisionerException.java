package org.blockhost.provisioner.api;

/**
 * An expected provisioner failure. {@link #retryable()} says whether the same call may succeed
 * later (hypervisor busy or unreachable) or needs an operator (capacity, invalid template).
 */
public class ProvisionerException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public ProvisionerException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public ProvisionerException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
