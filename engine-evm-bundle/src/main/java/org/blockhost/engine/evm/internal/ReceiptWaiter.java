package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.blockhost.engine.api.ChainUnavailableException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Polls for a transaction receipt until it appears or the timeout passes. A wait for one of the host's
 * own transactions polls at least every {@link #MAX_POLL}, whatever the engine's (head) poll interval
 * (up to 10 min): a receipt the first read missed is seen within a second, not a head poll later.
 */
final class ReceiptWaiter {
    /** The longest pause between two reads while a transaction of ours is awaited. */
    static final Duration MAX_POLL = Duration.ofSeconds(1);

    private final Web3j web3j;
    private final Duration poll;
    private final Duration timeout;

    ReceiptWaiter(Web3j web3j, Duration poll, Duration timeout) {
        this.web3j = web3j;
        this.poll = bounded(poll);
        this.timeout = timeout;
    }

    /** {@code poll}, at most {@link #MAX_POLL}. */
    static Duration bounded(Duration poll) {
        return poll.compareTo(MAX_POLL) > 0 ? MAX_POLL : poll;
    }

    Duration timeout() {
        return timeout;
    }

    TransactionReceipt await(String hash) throws ChainUnavailableException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<TransactionReceipt> receipt = fetch(hash);
            if (receipt.isPresent()) {
                return receipt.get();
            }
            if (System.nanoTime() > deadline) {
                throw new ChainUnavailableException("no receipt for " + hash + " within " + timeout);
            }
            sleep();
        }
    }

    Optional<TransactionReceipt> fetch(String hash) throws ChainUnavailableException {
        try {
            return web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("cannot read the receipt of " + hash, e);
        }
    }

    void sleep() throws ChainUnavailableException {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainUnavailableException("interrupted while waiting for a receipt", e);
        }
    }
}
