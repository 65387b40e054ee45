package org.blockhost.crypto.internal.cli;

/** Wrong command line: reported on stderr with exit code 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
