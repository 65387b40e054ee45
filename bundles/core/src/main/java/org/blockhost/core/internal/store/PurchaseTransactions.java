package org.blockhost.core.internal.store;

import java.util.Locale;
import java.util.Optional;

/**
 * Which subscription a transaction bought, from the chain events core stored (any engine: each reports the
 * transaction of its purchase event as {@code EventOrigin.transactionHash}). A hash is compared in lower case with
 * and without {@code 0x} (the EVM engine reports {@code 0x…}, the OPNet engine the bare transaction id); events a
 * reorg orphaned do not count.
 */
public final class PurchaseTransactions {
    private PurchaseTransactions() {
    }

    /** The first purchase of transaction {@code hash} (64 hex digits, optionally {@code 0x}-prefixed), if the host saw it. */
    public static Optional<Long> subscriptionOf(Database db, String hash) {
        String bare = hash.toLowerCase(Locale.ROOT).replaceFirst("^0x", "");
        return db.read(c -> Sql.one(c, "SELECT subject FROM chain_events WHERE kind = 'SubscriptionCreated' AND orphaned = 0"
                + " AND lower(tx_hash) IN (?, ?) ORDER BY block_number, log_index LIMIT 1", r -> r.getLong(1), bare, "0x" + bare));
    }
}
