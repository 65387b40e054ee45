package org.blockhost.installer.api;

/** An expected failure of a finalization step; its message is shown to the operator. */
public class StepException extends Exception {
    private static final long serialVersionUID = 1L;

    public StepException(String message) {
        super(message);
    }

    public StepException(String message, Throwable cause) {
        super(message, cause);
    }
}
