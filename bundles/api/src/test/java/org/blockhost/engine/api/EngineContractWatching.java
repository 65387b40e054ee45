package org.blockhost.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The watcher's part of {@link EngineContract}: delivery once with the cursor, resume, reorg, outage. */
public abstract class EngineContractWatching extends EngineContractBase {
    // ---- watcher

    @Test
    void eachEventArrivesOnceWithTheCursorOfItsBatch() throws Exception {
        long first = harness().buy(1);
        long second = harness().buy(2);
        long head = harness().engine().head().number();
        EngineContractSink sink = new EngineContractSink();
        drain(harness().watcher(sink));
        assertEquals(1, sink.created(first), "purchase " + first + " once");
        assertEquals(1, sink.created(second), "purchase " + second + " once");
        assertTrue(sink.commits.size() > 1, "delivered in steps");
        ChainCursor cursor = sink.cursor(harness().engine().id()).orElseThrow();
        assertTrue(cursor.blockNumber() >= head, "the cursor reached the head");
        assertEquals(norm(harness().cursorHash(cursor.blockNumber())), norm(cursor.blockHash()), "the cursor's block");
        createdOnce(sink);
        ChainEvent.SubscriptionCreated created = sink.createdEvent(first);
        assertEquals(harness().engine().addressFormat().normalise(harness().wallet(1)), created.subscriber());
        assertEquals(norm(harness().blockHash(created.origin().blockNumber())), norm(created.origin().blockHash()));
    }

    @Test
    void aNewWatcherResumesFromThePersistedCursorWithoutDuplicates() throws Exception {
        long before = harness().buy(1);
        EngineContractSink sink = new EngineContractSink();
        Watcher first = harness().watcher(sink);
        first.poll();
        first.poll();
        assertTrue(sink.cursor(harness().engine().id()).isPresent(), "a cursor was persisted");
        long during = harness().buy(2);
        drain(harness().watcher(sink));
        long after = harness().buy(1);
        drain(harness().watcher(sink));
        for (long id : new long[] {before, during, after}) {
            assertEquals(1, sink.created(id), "purchase " + id + " once");
        }
        createdOnce(sink);
    }

    @Test
    void aReorgReportsTheForkPointAndDeliversTheReplacement() throws Exception {
        harness().mine(2);
        long id = harness().buy(1);
        EngineContractSink sink = new EngineContractSink();
        Watcher watcher = harness().watcher(sink);
        drain(watcher);
        ChainEvent.SubscriptionCreated removed = sink.createdEvent(id);
        long below = removed.origin().blockNumber() - 1;
        String keptHash = harness().blockHash(below);
        harness().reorg((int) (harness().engine().head().number() - below));
        long replacement = harness().buy(2);
        drain(watcher);
        assertEquals(1, sink.reorgs.size(), "one reorg: " + sink.reorgs);
        ChainCursor fork = sink.reorgs.get(0);
        assertTrue(fork.blockNumber() <= below, "fork point " + fork + " at or below " + below);
        assertEquals(norm(harness().cursorHash(fork.blockNumber())), norm(fork.blockHash()), "a canonical block");
        assertEquals(norm(keptHash), norm(harness().blockHash(below)));
        assertFalse(sink.events.contains(removed), "the removed purchase is rolled back");
        ChainEvent.SubscriptionCreated now = sink.createdEvent(replacement);
        assertEquals(harness().engine().addressFormat().normalise(harness().wallet(2)), now.subscriber());
        assertEquals(norm(harness().blockHash(now.origin().blockNumber())), norm(now.origin().blockHash()));
        createdOnce(sink);
    }

    @Test
    void anOutageIsUnknownNeverAnAnswerAndLosesNoEvent() throws Exception {
        Engine engine = harness().engine();
        long id = harness().buy(1);
        long token = mint(id, 1);
        EngineContractSink sink = new EngineContractSink();
        Watcher watcher = harness().watcher(sink);
        drain(watcher);
        int commits = sink.commits.size();
        Optional<ChainCursor> cursor = sink.cursor(engine.id());
        Optional<String> admin = engine.credentials().adminHolder();
        harness().outage(true);
        try {
            long during = harness().buy(2);
            assertUnknown(watcher::poll);
            assertUnknown(engine::head);
            assertUnknown(() -> engine.credentials().tokenOfSubscription(id));
            assertUnknown(() -> engine.credentials().ownerOf(token));
            assertUnknownOrKnown(() -> engine.credentials().adminHolder(), admin.orElse(null));
            assertUnknown(() -> engine.credentials().mint(id, harness().wallet(1), new byte[] {1}));
            assertUnknown(() -> engine.finalizedSubscription(id));
            assertEquals(commits, sink.commits.size(), "nothing committed");
            assertEquals(cursor, sink.cursor(engine.id()), "the cursor stayed");
            harness().outage(false);
            drain(watcher);
            assertEquals(1, sink.created(during), "the purchase made during the outage arrives once");
            createdOnce(sink);
            assertEquals(Optional.of(token), engine.credentials().tokenOfSubscription(id));
        } finally {
            harness().outage(false);
        }
    }

}
