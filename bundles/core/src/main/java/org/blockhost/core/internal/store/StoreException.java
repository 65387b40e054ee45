package org.blockhost.core.internal.store;

/** The store could not do what was asked; nothing of the failed transaction was kept. */
public final class StoreException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
