package org.blockhost.crypto.api;

/** A public or private key is malformed, off the curve, or out of range. */
public final class InvalidKeyException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public InvalidKeyException(String message) {
        super(message);
    }
}
