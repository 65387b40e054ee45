package org.blockhost.engine.api;

/**
 * The chain answered and refused: the call or transaction reverts (for example a mint for a
 * subscription whose subscriber is someone else). Unlike a plain {@link ChainUnavailableException}
 * the outcome is known and sending the same call again gives the same answer, so core does not
 * retry it as an outage: it parks the subscription with {@link #reason()} for an operator.
 *
 * <p>It extends {@link ChainUnavailableException} so that callers written before it existed keep
 * treating it as "not done, unknown", which is safe; callers that know it must test for it first.
 */
public class ChainRejectedException extends ChainUnavailableException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    /**
     * @param message what was refused, for logs and parked reasons
     * @param reason the contract's reason in a short, stable form, e.g. the custom error's name
     *     {@code NotSubscriber} or {@code Error("...")}; {@code "unknown"} when the node gave none
     */
    public ChainRejectedException(String message, String reason) {
        super(message + " (" + (reason == null || reason.isBlank() ? "unknown" : reason) + ")");
        this.reason = reason == null || reason.isBlank() ? "unknown" : reason;
    }

    /** The contract's reason: the custom error's name, a revert string, or {@code "unknown"}. */
    public String reason() {
        return reason;
    }
}
