package org.blockhost.engine.evm.internal;

import java.time.Duration;
import java.util.Optional;
import org.blockhost.engine.api.ChainUnavailableException;

/** Polls a chain read until it has an answer, for transactions that are pending in the node's pool (at most
 * {@link ReceiptWaiter#MAX_POLL} apart, whatever the poll asked for). */
final class PendingWait {
    /** One chain read: empty while the awaited state is not there yet. */
    interface Check<T> {
        Optional<T> read() throws ChainUnavailableException;
    }

    private final Duration poll;
    private final Duration timeout;

    PendingWait(Duration poll, Duration timeout) {
        this.poll = ReceiptWaiter.bounded(poll);
        this.timeout = timeout;
    }

    /** The first answer of {@code check}; {@code what} names the awaited transaction in errors. */
    <T> T await(Check<T> check, String what) throws ChainUnavailableException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = check.read();
            if (value.isPresent()) {
                return value.get();
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChainUnavailableException("interrupted while waiting for " + what, e);
            }
        }
        throw new ChainUnavailableException(what + " is still pending");
    }
}
