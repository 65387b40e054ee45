package org.blockhost.crypto.api;

/**
 * Base class of every error this bundle reports. Messages are short, specific and never contain secret material.
 */
public class CryptoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
