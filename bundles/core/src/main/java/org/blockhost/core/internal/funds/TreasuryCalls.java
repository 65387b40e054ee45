package org.blockhost.core.internal.funds;

import org.blockhost.core.internal.active.FenceException;
import org.blockhost.engine.api.Treasury;

/** The active engine's treasury, every call fenced (a timeout, failures reported against the plugin). */
public interface TreasuryCalls {

    /** Calls {@code call} with the active engine's treasury; no engine is a retryable {@link FenceException}. */
    <T> T call(String where, TreasuryCall<T> call) throws FenceException;

    /** Plugin code using the treasury. */
    @FunctionalInterface
    interface TreasuryCall<T> {
        T call(Treasury treasury) throws Exception;
    }
}
