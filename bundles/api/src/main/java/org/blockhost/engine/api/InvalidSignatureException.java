package org.blockhost.engine.api;

/** A signature is malformed or does not recover to a signer; the message says which rule failed. */
public class InvalidSignatureException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidSignatureException(String message) {
        super(message);
    }
}
