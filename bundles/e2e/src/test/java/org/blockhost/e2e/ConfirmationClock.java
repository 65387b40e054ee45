package org.blockhost.e2e;

import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.web3j.protocol.Web3j;

/**
 * When a purchase reached its confirmations: the engine's watcher handles block {@code B} once the head is at
 * {@code B + confirmations}, so this polls the node's head every 20 ms from the purchase on and records the
 * {@link System#nanoTime()} at which the head first reached that height. The watcher's own polling comes after this
 * moment, so a latency counted from here includes it.
 */
final class ConfirmationClock {
    private static final long POLL_MS = 20;

    private ConfirmationClock() {
    }

    /** Starts watching; the future completes with the nano time the head reached {@code block + confirmations}. */
    static CompletableFuture<Long> start(Web3j web3j, long block, int confirmations) {
        BigInteger target = BigInteger.valueOf(block + confirmations);
        return CompletableFuture.supplyAsync(() -> {
            while (true) {
                try {
                    if (web3j.ethBlockNumber().send().getBlockNumber().compareTo(target) >= 0) {
                        return System.nanoTime();
                    }
                    TimeUnit.MILLISECONDS.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for block " + target, e);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("the node did not answer eth_blockNumber", e);
                }
            }
        });
    }
}
