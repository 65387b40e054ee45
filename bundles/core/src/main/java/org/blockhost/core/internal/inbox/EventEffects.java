package org.blockhost.core.internal.inbox;

import java.sql.Connection;
import java.sql.SQLException;

import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainEvent.AccessKeyRotated;
import org.blockhost.engine.api.ChainEvent.AdminCommand;
import org.blockhost.engine.api.ChainEvent.CredentialTransferred;
import org.blockhost.engine.api.ChainEvent.SubscriptionCancelled;
import org.blockhost.engine.api.ChainEvent.SubscriptionCreated;
import org.blockhost.engine.api.ChainEvent.SubscriptionExtended;

/** What a newly stored chain event changes in the store, and how to take it back. */
final class EventEffects {
    private static final String ACTOR = "chain";
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    private EventEffects() {
    }

    static void apply(Connection c, String engineId, ChainEvent e, long now) throws SQLException {
        long block = e.origin().blockNumber();
        if (e instanceof SubscriptionCreated s) {
            Sql.update(c, "INSERT OR IGNORE INTO subscriptions (id, engine_id, plan_id, subscriber, access_key, expires_at,"
                    + " expiry_block, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", s.subscriptionId(), engineId,
                    s.planId(), s.subscriber(), s.accessKey(), s.expiresAt().toEpochMilli(), block, now);
            Sql.update(c, "INSERT OR IGNORE INTO pipeline (subscription_id, stage, next_attempt_at, created_at,"
                    + " stage_entered_at, updated_at) VALUES (?, 'received', ?, ?, ?, ?)", s.subscriptionId(), now, now, now, now);
            Audit.append(c, now, ACTOR, "subscription " + s.subscriptionId(), "received",
                    "plan " + s.planId() + ", subscriber " + s.subscriber() + ", block " + block);
        } else if (e instanceof SubscriptionExtended x) {
            Sql.update(c, "UPDATE subscriptions SET expires_at = ?, expiry_block = ? WHERE id = ?",
                    x.newExpiry().toEpochMilli(), block, x.subscriptionId());
            Audit.append(c, now, ACTOR, "subscription " + x.subscriptionId(), "extended", "until " + x.newExpiry());
        } else if (e instanceof SubscriptionCancelled x) {
            Sql.update(c, "UPDATE subscriptions SET cancelled = 1, expiry_block = ? WHERE id = ?", block, x.subscriptionId());
            Audit.append(c, now, ACTOR, "subscription " + x.subscriptionId(), "cancelled", "block " + block);
        } else if (e instanceof CredentialTransferred t) {
            Sql.update(c, "UPDATE vms SET owner = ?, owner_synced = 0, updated_at = ? WHERE token_id = ?", t.to(), now, t.tokenId());
            Audit.append(c, now, ACTOR, "token " + t.tokenId(), "transferred", t.from() + " -> " + t.to());
        } else if (e instanceof AccessKeyRotated k) {
            Sql.update(c, "UPDATE subscriptions SET access_key = ? WHERE id = (SELECT subscription_id FROM vms WHERE token_id = ?)",
                    k.accessKey(), k.tokenId());
            Sql.update(c, "UPDATE vms SET reseal_pending = 1 WHERE token_id = ?", k.tokenId());
            Audit.append(c, now, ACTOR, "token " + k.tokenId(), "access key rotated", "credentials to be re-encrypted");
        } else if (e instanceof AdminCommand a) {
            Sql.update(c, "INSERT OR IGNORE INTO admin_nonces (sender, nonce, payload, seen_at) VALUES (?, ?, ?, ?)",
                    a.sender(), a.nonce(), AdminPayloads.summary(a.payload()), now);
        }
    }

    /** Takes back the effect of an event nobody acted on (it was deleted from chain_events already). */
    static void rollBack(Connection c, ChainEvent e, long now) throws SQLException {
        if (e instanceof SubscriptionCreated s) {
            Sql.update(c, "DELETE FROM pipeline WHERE subscription_id = ? AND stage = 'received' AND attempts = 0", s.subscriptionId());
            Sql.update(c, "DELETE FROM subscriptions WHERE id = ? AND NOT EXISTS (SELECT 1 FROM pipeline WHERE subscription_id = ?)"
                    + " AND NOT EXISTS (SELECT 1 FROM vms WHERE subscription_id = ?)", s.subscriptionId(), s.subscriptionId(), s.subscriptionId());
        } else if (e instanceof SubscriptionExtended || e instanceof SubscriptionCancelled) {
            recomputeExpiry(c, EventCodec.subject(e));
        } else if (e instanceof CredentialTransferred t) {
            Sql.update(c, "UPDATE vms SET owner_synced = 0 WHERE token_id = ?", t.tokenId());
        } else if (e instanceof AdminCommand a) {
            Sql.update(c, "DELETE FROM admin_nonces WHERE sender = ? AND nonce = ? AND handled = 0", a.sender(), a.nonce());
        }
        Audit.append(c, now, ACTOR, EventCodec.kind(e) + " " + EventCodec.subject(e), "rolled back by reorg", "");
    }

    private static long expiresMillis(String payload) throws SQLException {
        try {
            return MAPPER.readTree(payload).get("expires").asLong() * 1000;
        } catch (java.io.IOException ex) {
            throw new SQLException("corrupt stored event payload", ex);
        }
    }

    /** Expiry and cancellation from the events still stored for a subscription. */
    private static void recomputeExpiry(Connection c, long subscriptionId) throws SQLException {
        var rows = Sql.list(c, "SELECT kind, payload, block_number FROM chain_events WHERE subject = ? AND kind IN"
                + " ('SubscriptionCreated', 'SubscriptionExtended', 'SubscriptionCancelled') ORDER BY block_number, log_index",
                r -> new String[] {r.getString(1), r.getString(2), r.getString(3)}, subscriptionId);
        Long expires = null;
        long block = 0;
        int cancelled = 0;
        for (String[] row : rows) {
            if (row[0].equals("SubscriptionCancelled")) {
                cancelled = 1;
            } else {
                expires = expiresMillis(row[1]);
            }
            block = Long.parseLong(row[2]);
        }
        if (expires != null) {
            Sql.update(c, "UPDATE subscriptions SET expires_at = ?, expiry_block = ?, cancelled = ? WHERE id = ?",
                    expires, block, cancelled, subscriptionId);
        }
    }
}
