package org.blockhost.engine.opnet.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Writes sent but not yet seen on chain, by key ({@code mint:7}): a retry within the hold time does not send
 * again (a Bitcoin block takes minutes). In memory only: after a restart the chain read before each write and
 * the contract's reverts ({@code AlreadyMinted}, {@code AlreadyDestroyed}) close the gap.
 */
final class PendingWrites {
    /** How long a sent write is not sent again while the chain does not show it yet (a Bitcoin block takes minutes). */
    static final long HOLD_MS = 3_600_000;
    private final Map<String, Sent> sent = new HashMap<>();
    private final long holdMs;
    private final LongSupplier clock;

    record Sent(String txid, long atMs) { }

    PendingWrites(long holdMs, LongSupplier clockMs) {
        this.holdMs = holdMs;
        this.clock = clockMs;
    }

    synchronized Optional<String> pending(String key) {
        Sent s = sent.get(key);
        if (s == null || clock.getAsLong() - s.atMs() >= holdMs) {
            sent.remove(key);
            return Optional.empty();
        }
        return Optional.of(s.txid());
    }

    synchronized void sent(String key, String txid) {
        sent.put(key, new Sent(txid, clock.getAsLong()));
    }

    synchronized void done(String key) {
        sent.remove(key);
    }
}
