package org.blockhost.demo;

/** A call or transaction that the contract rejected; {@link #error()} names its custom error. */
public final class RevertException extends DemoException {
    private static final long serialVersionUID = 1L;
    private final String error;

    RevertException(String message, String error) {
        super(message);
        this.error = error;
    }

    /** {@code Name(arg, …)} of the contract's custom error, or {@code null} if unknown. */
    public String error() {
        return error;
    }

    /** Whether the contract's error is {@code name} (for example {@code PlanNotFound}). */
    public boolean is(String name) {
        return ContractErrors.is(error, name);
    }
}
