package org.blockhost.engine.opnet.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.blockhost.engine.api.ChainCursor;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainEventSink;

/** Test double of core's sink: events and cursors in memory, "acted on" marks, reorgs recorded. */
class MemorySink implements ChainEventSink {
    final List<ChainEvent> events = new ArrayList<>();
    final List<ChainEvent> acted = new ArrayList<>();
    final List<ChainCursor> reorgs = new ArrayList<>();
    int commits;
    private final Map<String, ChainCursor> cursors = new HashMap<>();

    @Override
    public synchronized void commit(String engineId, List<ChainEvent> batch, ChainCursor cursor) {
        events.addAll(batch);
        cursors.put(engineId, cursor);
        commits++;
    }

    @Override
    public synchronized Optional<ChainCursor> cursor(String engineId) {
        return Optional.ofNullable(cursors.get(engineId));
    }

    @Override
    public synchronized List<ChainEvent> reorg(String engineId, ChainCursor forkPoint) {
        reorgs.add(forkPoint);
        List<ChainEvent> above = events.stream().filter(e -> e.origin().blockNumber() > forkPoint.blockNumber()).toList();
        events.removeAll(above);
        cursors.put(engineId, forkPoint);
        return above.stream().filter(acted::contains).toList();
    }

    synchronized void actOnAll() {
        acted.addAll(events);
    }
}
