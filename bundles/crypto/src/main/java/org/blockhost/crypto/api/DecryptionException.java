package org.blockhost.crypto.api;

/** Ciphertext is truncated, tampered with, or was encrypted to another key. */
public final class DecryptionException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public DecryptionException(String message) {
        super(message);
    }

    public DecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
