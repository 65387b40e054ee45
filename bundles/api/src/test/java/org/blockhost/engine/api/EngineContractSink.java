package org.blockhost.engine.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Core's side of {@link ChainEventSink} as the contract needs it: events and cursor committed together
 * (every event in a batch at or below its cursor, above the previous one), a reorg removes the events above
 * the fork point and resets the cursor.
 */
public final class EngineContractSink implements ChainEventSink {
    public final List<ChainEvent> events = new ArrayList<>();
    public final List<ChainCursor> commits = new ArrayList<>();
    public final List<ChainCursor> reorgs = new ArrayList<>();
    private ChainCursor cursor;

    @Override
    public synchronized void commit(String engineId, List<ChainEvent> batch, ChainCursor newCursor) {
        for (int i = 1; i < batch.size(); i++) {
            assertTrue(batch.get(i - 1).origin().blockNumber() <= batch.get(i).origin().blockNumber(), "chain order");
        }
        for (ChainEvent e : batch) {
            assertTrue(e.origin().blockNumber() <= newCursor.blockNumber(), e + " within its cursor " + newCursor);
            assertTrue(cursor == null || e.origin().blockNumber() > cursor.blockNumber(),
                    e + " above the previous cursor " + cursor);
        }
        assertTrue(cursor == null || newCursor.blockNumber() >= cursor.blockNumber(), "the cursor moves forward");
        events.addAll(batch);
        commits.add(newCursor);
        cursor = newCursor;
    }

    @Override
    public synchronized Optional<ChainCursor> cursor(String engineId) {
        return Optional.ofNullable(cursor);
    }

    @Override
    public synchronized List<ChainEvent> reorg(String engineId, ChainCursor forkPoint) {
        reorgs.add(forkPoint);
        events.removeIf(e -> e.origin().blockNumber() > forkPoint.blockNumber());
        cursor = forkPoint;
        return List.of();
    }

    synchronized long created(long id) {
        return events.stream().filter(isCreated(id)).count();
    }

    synchronized ChainEvent.SubscriptionCreated createdEvent(long id) {
        return (ChainEvent.SubscriptionCreated) events.stream().filter(isCreated(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no purchase " + id + " in " + Arrays.toString(events.toArray())));
    }

    private static Predicate<ChainEvent> isCreated(long id) {
        return e -> e instanceof ChainEvent.SubscriptionCreated c && c.subscriptionId() == id;
    }
}
