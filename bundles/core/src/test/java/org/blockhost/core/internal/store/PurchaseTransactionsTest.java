package org.blockhost.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.blockhost.core.internal.testing.Harness;
import org.blockhost.engine.api.ChainCursor;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.EventOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The purchase of a transaction, as the engines report it: EVM {@code 0x…}, OPNet a bare id; any case; not orphaned. */
class PurchaseTransactionsTest {
    private static final String EVM_TX = "0x" + "ab".repeat(32);
    private static final String OPNET_TX = "cd".repeat(32);

    @TempDir
    Path dir;

    @Test
    void findsThePurchaseOfATransactionWhateverTheEngineWroteIt() throws Exception {
        try (Harness h = new Harness(dir, Duration.ofSeconds(1))) {
            PurchaseTransactions purchases = new PurchaseTransactions(h.db);
            h.inbox.commit("fake", List.of(created(4, EVM_TX, 10), created(7, OPNET_TX, 11),
                    new ChainEvent.CredentialTransferred(9, Harness.BUYER, "0xAbC0000000000000000000000000000000000002",
                            new EventOrigin(11, "b11", "ef".repeat(32), 3))), new ChainCursor(11, "b11"));
            assertEquals(Optional.of(4L), purchases.subscriptionOf(EVM_TX.toUpperCase().replace("0X", "0x")));
            assertEquals(Optional.of(4L), purchases.subscriptionOf(EVM_TX.substring(2)), "without 0x");
            assertEquals(Optional.of(7L), purchases.subscriptionOf(OPNET_TX));
            assertEquals(Optional.of(7L), purchases.subscriptionOf("0x" + OPNET_TX.toUpperCase()), "with 0x");
            assertEquals(Optional.empty(), purchases.subscriptionOf("ef".repeat(32)), "a transfer is no purchase");
            assertEquals(Optional.empty(), purchases.subscriptionOf("12".repeat(32)), "unknown");
            h.db.write(c -> Sql.update(c, "UPDATE chain_events SET acted = 1 WHERE event_key = 'created:7'")); // its VM exists
            h.inbox.reorg("fake", new ChainCursor(10, "b10"));
            assertEquals(1, h.count("SELECT COUNT(*) FROM chain_events WHERE event_key = 'created:7' AND orphaned = 1"));
            assertEquals(Optional.empty(), purchases.subscriptionOf(OPNET_TX), "orphaned by a reorg");
            assertEquals(Optional.of(4L), purchases.subscriptionOf(EVM_TX), "below the fork point");
        }
    }

    private static ChainEvent.SubscriptionCreated created(long id, String tx, long block) {
        return new ChainEvent.SubscriptionCreated(id, 1, Harness.BUYER, Instant.parse("2030-01-01T00:00:00Z"), Harness.KEY,
                new EventOrigin(block, "b" + block, tx, 0));
    }
}
