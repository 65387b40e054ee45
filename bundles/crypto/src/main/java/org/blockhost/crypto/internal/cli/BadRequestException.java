package org.blockhost.crypto.internal.cli;

/** A batch request is missing a field or has a field of the wrong type. */
final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message);
    }
}
