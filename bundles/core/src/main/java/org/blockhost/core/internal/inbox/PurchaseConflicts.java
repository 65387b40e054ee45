package org.blockhost.core.internal.inbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.engine.api.ChainEvent.SubscriptionCreated;
import org.blockhost.engine.api.EventOrigin;

/**
 * Purchases that reuse the id of a reorged purchase. Subscription ids are assigned in order of
 * inclusion, so after a reorg a <em>different</em> purchase (other transaction, buyer, plan or key)
 * may arrive under the id of one that was already served. It is not a re-inclusion: the old
 * purchase stays orphaned (its VM suspended) and the new one waits here, under the key
 * {@code created:<id>@<tx>}, until it is final. Then the lifecycle destroys the old VM (VM names
 * derive from the id, so the new buyer must never inherit it) and {@link #supersede} puts the new
 * purchase in the subscription's place, where the pipeline serves it like any purchase.
 */
public final class PurchaseConflicts {
    private static final String SUBSCRIPTION = "SubscriptionCreated";

    /** A waiting purchase and the served VM whose id it reuses. */
    public record Pending(String key, SubscriptionCreated purchase, String vmName, String vmState, boolean held) {
    }

    private PurchaseConflicts() {
    }

    /** Whether {@code e} is the purchase stored under {@code key}: same transaction, buyer, plan and key. */
    static boolean samePurchase(Connection c, String key, SubscriptionCreated e) throws SQLException {
        Optional<SubscriptionCreated> stored = Sql.one(c, "SELECT payload, block_number, block_hash, tx_hash, log_index"
                + " FROM chain_events WHERE event_key = ?", r -> (SubscriptionCreated) EventCodec.decode(SUBSCRIPTION,
                        r.getString(1), new EventOrigin(r.getLong(2), r.getString(3), r.getString(4), r.getInt(5))), key);
        return stored.isPresent() && stored.get().origin().transactionHash().equalsIgnoreCase(e.origin().transactionHash())
                && stored.get().subscriber().equalsIgnoreCase(e.subscriber()) && stored.get().planId() == e.planId()
                && stored.get().accessKey().equalsIgnoreCase(e.accessKey());
    }

    /** Records a conflicting purchase (once per transaction) and audits the conflict. */
    static void record(Connection c, String engineId, SubscriptionCreated e, long now) throws SQLException {
        String key = "created:" + e.subscriptionId() + "@" + e.origin().transactionHash();
        if (Sql.count(c, "SELECT COUNT(*) FROM chain_events WHERE event_key = ?", key) > 0) {
            return;
        }
        EventOrigin o = e.origin();
        Sql.update(c, "INSERT INTO chain_events (event_key, engine_id, kind, subject, block_number, block_hash, tx_hash,"
                + " log_index, payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", key, engineId, SUBSCRIPTION,
                e.subscriptionId(), o.blockNumber(), o.blockHash(), o.transactionHash(), o.logIndex(), EventCodec.encode(e), now);
        Audit.append(c, now, "chain", "subscription " + e.subscriptionId(), "conflict", "purchase in tx " + o.transactionHash()
                + " by " + e.subscriber() + " reuses the id of a reorged purchase: not a re-inclusion; the old VM stays"
                + " suspended and is replaced once block " + o.blockNumber() + " is final");
    }

    static boolean isConflictKey(String key) {
        return key.indexOf('@') > 0;
    }

    /** Waiting purchases whose block is at or below {@code finalized}. */
    public static List<Pending> finalPending(Database db, long finalized) {
        return db.read(c -> Sql.list(c, "SELECT e.event_key, e.payload, e.block_number, e.block_hash, e.tx_hash, e.log_index,"
                + " v.name, v.state, v.held FROM chain_events e JOIN vms v ON v.subscription_id = e.subject"
                + " WHERE e.event_key LIKE 'created:%@%' AND e.orphaned = 0 AND e.block_number <= ? ORDER BY e.subject",
                r -> new Pending(r.getString(1), (SubscriptionCreated) EventCodec.decode(SUBSCRIPTION, r.getString(2),
                        new EventOrigin(r.getLong(3), r.getString(4), r.getString(5), r.getInt(6))), r.getString(7),
                        r.getString(8), r.getInt(9) == 1), finalized));
    }

    /**
     * Replaces the reorged purchase by the waiting one, whose VM is already destroyed: the old VM
     * row and purchase are archived in {@code superseded}, the subscription takes the new buyer's
     * values and its pipeline starts again at {@code received}.
     */
    public static void supersede(Database db, Pending p, long now) {
        SubscriptionCreated s = p.purchase();
        long id = s.subscriptionId();
        db.write(c -> {
            Sql.update(c, "INSERT INTO superseded (subscription_id, vm_name, subscriber, plan_id, token_id, tx_hash,"
                    + " superseded_by_tx, at) SELECT s.id, v.name, s.subscriber, s.plan_id, v.token_id, COALESCE(e.tx_hash, ''),"
                    + " ?, ? FROM subscriptions s JOIN vms v ON v.subscription_id = s.id LEFT JOIN chain_events e"
                    + " ON e.event_key = 'created:' || s.id WHERE s.id = ?", s.origin().transactionHash(), now, id);
            Sql.update(c, "DELETE FROM vms WHERE subscription_id = ?", id);
            Sql.update(c, "UPDATE chain_events SET event_key = 'superseded:' || event_key || ':' || tx_hash WHERE subject = ?"
                    + " AND orphaned = 1 AND kind IN ('SubscriptionCreated', 'SubscriptionExtended', 'SubscriptionCancelled')", id);
            Sql.update(c, "UPDATE chain_events SET event_key = ? WHERE event_key = ?", "created:" + id, p.key());
            Sql.update(c, "UPDATE subscriptions SET plan_id = ?, subscriber = ?, access_key = ?, expires_at = ?, expiry_block = ?,"
                    + " cancelled = 0, received_at = ? WHERE id = ?", s.planId(), s.subscriber(), s.accessKey(),
                    s.expiresAt().toEpochMilli(), s.origin().blockNumber(), now, id);
            Sql.update(c, "UPDATE pipeline SET stage = 'received', attempts = 0, outages = 0, parked_reason = NULL,"
                    + " last_error = NULL, sealed_credentials = NULL, next_attempt_at = 0, created_at = ?1,"
                    + " stage_entered_at = ?1, updated_at = ?1, completed_at = NULL WHERE subscription_id = ?2", now, id);
            Audit.append(c, now, "lifecycle", "subscription " + id, "superseded", "reorged purchase archived, VM " + p.vmName()
                    + " destroyed; serving the purchase in tx " + s.origin().transactionHash() + " by " + s.subscriber());
            return null;
        });
    }
}
