package org.blockhost.crypto.api;

/** A signature could not be parsed or is not canonical (length, hex, r/s range, high S, recovery id). */
public final class SignatureFormatException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public SignatureFormatException(String message) {
        super(message);
    }
}
