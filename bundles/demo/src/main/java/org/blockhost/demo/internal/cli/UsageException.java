package org.blockhost.demo.internal.cli;

/** Bad command line (exit status 2). */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
