package org.blockhost.crypto.api;

/** A Sign-In with Ethereum message is malformed, or failed verification. */
public final class SiweException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public SiweException(String message) {
        super(message);
    }
}
