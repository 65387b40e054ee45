package org.blockhost.core.internal.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.blockhost.core.internal.store.Sql;
import org.blockhost.core.internal.testing.Harness;
import org.blockhost.engine.api.ChainCursor;
import org.blockhost.engine.api.ChainEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventInboxTest {
    @TempDir
    Path dir;
    private Harness h;

    @BeforeEach
    void open() {
        h = new Harness(dir, Duration.ofSeconds(1));
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void commitStoresEventsAndCursorTogether() {
        h.commit(List.of(Harness.created(1, 1, 10), Harness.created(2, 1, 11)), 12);
        assertEquals(new ChainCursor(12, "b12"), h.inbox.cursor("fake").orElseThrow());
        assertEquals(2, h.count("SELECT COUNT(*) FROM pipeline WHERE stage = 'received'"));
        assertTrue(h.inbox.cursor("other").isEmpty());
    }

    @Test
    void replayedBatchChangesNothing() {
        var batch = List.<ChainEvent>of(Harness.created(1, 1, 10),
                new ChainEvent.SubscriptionExtended(1, Instant.parse("2031-01-01T00:00:00Z"), Harness.origin(11, 0)));
        h.commit(batch, 11);
        long audit = h.count("SELECT COUNT(*) FROM audit_log");
        h.commit(batch, 11);
        assertEquals(audit, h.count("SELECT COUNT(*) FROM audit_log"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM subscriptions"));
        assertEquals(Instant.parse("2031-01-01T00:00:00Z").toEpochMilli(), h.count("SELECT expires_at FROM subscriptions"));
    }

    @Test
    void failedCommitStoresNothing() {
        assertThrows(IllegalArgumentException.class, () -> h.inbox.commit(" ", List.of(Harness.created(1, 1, 10)),
                new ChainCursor(10, "b10")));
        assertEquals(0, h.count("SELECT COUNT(*) FROM chain_events"));
        assertTrue(h.inbox.cursor("fake").isEmpty());
    }

    @Test
    void reorgRollsBackUnactedAndReportsActed() {
        h.commit(List.of(Harness.created(1, 1, 10), Harness.created(2, 1, 20),
                new ChainEvent.SubscriptionExtended(1, Instant.parse("2032-01-01T00:00:00Z"), Harness.origin(21, 1))), 21);
        h.db.write(c -> Sql.update(c, "UPDATE chain_events SET acted = 1 WHERE event_key = 'created:2'"));
        List<ChainEvent> acted = h.inbox.reorg("fake", new ChainCursor(15, "b15"));
        assertEquals(1, acted.size());
        assertEquals(2, ((ChainEvent.SubscriptionCreated) acted.get(0)).subscriptionId());
        assertEquals(new ChainCursor(15, "b15"), h.inbox.cursor("fake").orElseThrow());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli(),
                h.count("SELECT expires_at FROM subscriptions WHERE id = 1"), "extension above the fork rolled back");
        assertEquals(1, h.count("SELECT orphaned FROM chain_events WHERE event_key = 'created:2'"));
        h.commit(List.of(Harness.reIncluded(2, 1, 20, 17)), 17);
        assertEquals(0, h.count("SELECT orphaned FROM chain_events WHERE event_key = 'created:2'"), "re-included");
    }

    private static final String MALLORY = "0x00000000000000000000000000000000000000bb";

    private void servedThenReorged() {
        h.commit(List.of(Harness.created(2, 1, 20)), 20);
        h.db.write(c -> Sql.update(c, "INSERT INTO vms (name, subscription_id, owner, token_id, state, owner_synced,"
                + " created_at, updated_at) VALUES ('blockhost-002', 2, 'a', 5, 'active', 1, 0, 0)"));
        h.db.write(c -> Sql.update(c, "UPDATE chain_events SET acted = 1 WHERE event_key = 'created:2'"));
        assertEquals(1, h.inbox.reorg("fake", new ChainCursor(15, "b15")).size());
    }

    @Test
    void aDifferentPurchaseUnderTheSameIdIsNotAReInclusion() {
        servedThenReorged();
        ChainEvent.SubscriptionCreated other = new ChainEvent.SubscriptionCreated(2, 1, MALLORY,
                Instant.parse("2030-02-01T00:00:00Z"), Harness.KEY, new org.blockhost.engine.api.EventOrigin(17, "b17", "tm", 0));
        h.commit(List.of(other), 17);
        h.commit(List.of(other), 17);
        assertEquals(1, h.count("SELECT orphaned FROM chain_events WHERE event_key = 'created:2'"), "old purchase stays orphaned");
        assertEquals(1, h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'conflict' AND subject = 'subscription 2'"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM subscriptions WHERE id = 2 AND subscriber = ?", Harness.BUYER),
                "the served buyer is not replaced by the new one");
        assertEquals(1, h.count("SELECT COUNT(*) FROM chain_events WHERE event_key = 'created:2@tm'"));

        var pending = PurchaseConflicts.finalPending(h.db, 17);
        assertEquals(1, pending.size());
        h.db.write(c -> Sql.update(c, "UPDATE vms SET state = 'destroyed' WHERE name = 'blockhost-002'"));
        PurchaseConflicts.supersede(h.db, pending.get(0), 1000);
        assertEquals("received", h.stage(2), "the new purchase is pipelined");
        assertEquals(1, h.count("SELECT COUNT(*) FROM subscriptions WHERE id = 2 AND subscriber = ?", MALLORY));
        assertEquals(0, h.count("SELECT COUNT(*) FROM vms"), "the old buyer's VM is archived, not reused");
        assertEquals(1, h.count("SELECT COUNT(*) FROM superseded WHERE subscription_id = 2 AND subscriber = ? AND token_id = 5",
                Harness.BUYER));
        assertEquals(0, h.count("SELECT orphaned FROM chain_events WHERE event_key = 'created:2'"));
        assertEquals(0, h.count("SELECT acted FROM chain_events WHERE event_key = 'created:2'"));
    }

    @Test
    void theSamePurchaseIsReIncludedAndAConflictCanBeReorgedAway() {
        servedThenReorged();
        h.commit(List.of(new ChainEvent.SubscriptionCreated(2, 1, MALLORY, Instant.parse("2030-02-01T00:00:00Z"),
                Harness.KEY, new org.blockhost.engine.api.EventOrigin(17, "b17", "tm", 0))), 17);
        h.inbox.reorg("fake", new ChainCursor(16, "b16"));
        assertEquals(0, h.count("SELECT COUNT(*) FROM chain_events WHERE event_key LIKE 'created:2@%'"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM pipeline WHERE subscription_id = 2"), "nothing of the old purchase undone");
        h.commit(List.of(Harness.reIncluded(2, 1, 20, 18)), 18);
        assertEquals(0, h.count("SELECT orphaned FROM chain_events WHERE event_key = 'created:2'"), "same tx: re-included");
    }

    @Test
    void rotatingBackToAnEarlierKeyResealsToIt() {
        h.commit(List.of(Harness.created(1, 1, 10)), 10);
        h.db.write(c -> Sql.update(c, "INSERT INTO vms (name, subscription_id, owner, token_id, state, owner_synced,"
                + " created_at, updated_at) VALUES ('blockhost-001', 1, 'a', 5, 'active', 1, 0, 0)"));
        String a = "03" + "22".repeat(32);
        String b = Harness.KEY;
        h.commit(List.of(new ChainEvent.AccessKeyRotated(5, a, Harness.origin(11, 0))), 11);
        h.commit(List.of(new ChainEvent.AccessKeyRotated(5, b, Harness.origin(12, 0))), 12);
        h.db.write(c -> Sql.update(c, "UPDATE vms SET reseal_pending = 0"));
        h.commit(List.of(new ChainEvent.AccessKeyRotated(5, a, Harness.origin(13, 0))), 13);
        assertEquals(1, h.count("SELECT COUNT(*) FROM subscriptions WHERE id = 1 AND access_key = ?", a), "A -> B -> A ends at A");
        assertEquals(1, h.count("SELECT reseal_pending FROM vms WHERE name = 'blockhost-001'"));
        h.commit(List.of(new ChainEvent.AccessKeyRotated(5, a, Harness.origin(13, 0))), 13);
        assertEquals(3, h.count("SELECT COUNT(*) FROM chain_events WHERE kind = 'AccessKeyRotated'"), "a replay is still a no-op");
    }

    @Test
    void decryptedAdminPayloadsAreNotStored() {
        String secret = "{\"command\":\"set-price\",\"params\":{\"apiKey\":\"s3cr3t-value\"}}";
        h.commit(List.of(new ChainEvent.AdminCommand("0xadmin", secret, 9, Harness.origin(11, 2))), 11);
        String stored = h.db.read(c -> Sql.one(c, "SELECT payload FROM admin_nonces", r -> r.getString(1)).orElseThrow());
        String event = h.db.read(c -> Sql.one(c, "SELECT payload FROM chain_events", r -> r.getString(1)).orElseThrow());
        for (String s : List.of(stored, event)) {
            assertTrue(!s.contains("s3cr3t-value"), s);
            assertTrue(s.contains("set-price") && s.contains("apiKey") && s.contains("sha256"), s);
        }
        h.inbox.reorg("fake", new ChainCursor(10, "b10"));
        assertEquals(0, h.count("SELECT COUNT(*) FROM admin_nonces"), "rolled back by the reorg");
    }

    @Test
    void reorgRemovesUnactedPurchase() {
        h.commit(List.of(Harness.created(3, 1, 30)), 30);
        assertEquals(List.of(), h.inbox.reorg("fake", new ChainCursor(29, "b29")));
        assertEquals(0, h.count("SELECT COUNT(*) FROM subscriptions"));
        assertEquals(0, h.count("SELECT COUNT(*) FROM pipeline"));
    }

    @Test
    void transferAndCancelAndAdminNonceAreRecorded() {
        h.commit(List.of(Harness.created(1, 1, 10)), 10);
        h.db.write(c -> Sql.update(c, "INSERT INTO vms (name, subscription_id, owner, token_id, state, owner_synced,"
                + " created_at, updated_at) VALUES ('blockhost-001', 1, 'a', 5, 'active', 1, 0, 0)"));
        h.commit(List.of(new ChainEvent.CredentialTransferred(5, "a", "b", Harness.origin(11, 0)),
                new ChainEvent.SubscriptionCancelled(1, Harness.origin(11, 1)),
                new ChainEvent.AdminCommand("0xadmin", "{}", 7, Harness.origin(11, 2)),
                new ChainEvent.AdminCommand("0xadmin", "{}", 7, Harness.origin(11, 2))), 11);
        assertEquals(1, h.count("SELECT COUNT(*) FROM vms WHERE owner = 'b' AND owner_synced = 0"));
        assertEquals(1, h.count("SELECT cancelled FROM subscriptions WHERE id = 1"));
        assertEquals(1, h.count("SELECT COUNT(*) FROM admin_nonces"));
    }
}
