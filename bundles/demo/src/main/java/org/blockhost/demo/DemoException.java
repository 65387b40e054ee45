package org.blockhost.demo;

/** A failure of a demo client operation, with a message meant for the user (never a secret). */
public class DemoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DemoException(String message) {
        super(message);
    }

    public DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
