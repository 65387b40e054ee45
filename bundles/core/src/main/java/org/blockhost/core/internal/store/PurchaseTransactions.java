package org.blockhost.core.internal.store;

import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Which subscription a transaction bought, from the chain events core stored (any engine: each reports the
 * transaction of its purchase event as {@code EventOrigin.transactionHash}). A hash is compared in lower case with
 * and without {@code 0x} (the EVM engine reports {@code 0x…}, the OPNet engine the bare transaction id); events a
 * reorg orphaned do not count. The lookup uses the index {@code chain_events_tx} on {@code lower(tx_hash)}
 * (schema version 11).
 */
@Component(service = PurchaseTransactions.class)
public final class PurchaseTransactions {
    /** The lookup: both spellings of the hash, the first purchase event of that transaction. */
    static final String QUERY = "SELECT subject FROM chain_events WHERE kind = 'SubscriptionCreated' AND orphaned = 0"
            + " AND lower(tx_hash) IN (?, ?) ORDER BY block_number, log_index LIMIT 1";
    private final Database db;

    @Activate
    public PurchaseTransactions(@Reference CoreStore store) {
        this(store.db());
    }

    public PurchaseTransactions(Database db) {
        this.db = db;
    }

    /** The first purchase of transaction {@code hash} (64 hex digits, optionally {@code 0x}-prefixed), if the host saw it. */
    public Optional<Long> subscriptionOf(String hash) {
        String bare = hash.toLowerCase(Locale.ROOT).replaceFirst("^0x", "");
        return db.read(c -> Sql.one(c, QUERY, r -> r.getLong(1), bare, "0x" + bare));
    }
}
