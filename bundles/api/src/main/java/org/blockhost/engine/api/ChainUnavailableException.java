package org.blockhost.engine.api;

/**
 * The chain could not be read or written (RPC down, timeout, malformed answer). The outcome is
 * unknown; callers retry later and never treat it as a negative answer.
 */
public class ChainUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public ChainUnavailableException(String message) {
        super(message);
    }

    public ChainUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
