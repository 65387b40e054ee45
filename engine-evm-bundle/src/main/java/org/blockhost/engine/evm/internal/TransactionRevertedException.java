package org.blockhost.engine.evm.internal;

/**
 * A transaction or call was rejected by the EVM (it reverts). Deterministic, unlike
 * {@link org.blockhost.engine.api.ChainUnavailableException}: retrying the same call gives the same answer.
 */
public class TransactionRevertedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String data;

    public TransactionRevertedException(String message, String data) {
        super(message);
        this.data = data == null ? "" : data;
    }

    /** The revert data as 0x-hex ({@code ""} when the node returned none). */
    public String data() {
        return data;
    }

    /** The revert's name: the custom error (e.g. {@code NotSubscriber}), {@code Error("...")}, or "unknown". */
    public String reason() {
        return RevertReasons.name(data);
    }

    /** Whether the revert data starts with the selector of the custom error {@code signature}. */
    public boolean is(String signature) {
        return data.startsWith(Abi.selector(signature));
    }
}
