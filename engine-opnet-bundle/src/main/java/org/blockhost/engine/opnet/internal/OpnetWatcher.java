package org.blockhost.engine.opnet.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.blockhost.engine.api.ChainCursor;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainEventSink;
import org.blockhost.engine.api.ChainUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks OPNet blocks (with their transactions' events: the node has no log filter) up to
 * {@code head − confirmations} and hands each step's events to core with the new cursor in one commit.
 *
 * <p>Every step first re-reads the cursor's block: a different hash <em>or</em> checksum root is a reorg
 * below the cursor, reported to {@link ChainEventSink#reorg} at the fork point: the newest of the last 1024
 * blocks read that is still canonical (or {@code rewindDepth} back when none is, e.g. after a restart). Each block read must link onto the one
 * before it by {@code previousBlockHash} and {@code previousBlockChecksum}, and the step's last block is
 * read again before the commit; on any doubt nothing is committed and the step is retried later, so the
 * cursor never passes a block whose events were not read. An event of our contracts that does not decode
 * halts the watcher (reported through {@code onHalt}); it is never skipped.
 *
 * <p>Threading: not thread-safe; driven from one thread. {@link #halted()} may be read from any.
 */
final class OpnetWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(OpnetWatcher.class);
    private static final int RECENT = 1024;

    /** How the watcher reads. */
    record Settings(int confirmations, long startBlock, int maxBlocksPerStep, int rewindDepth) {
    }

    private final String engineId;
    private final OpnetRpc rpc;
    private final ChainEventSink sink;
    private final EventDecoder decoder;
    private final Settings settings;
    private final TreeMap<Long, OpnetCursor> recent = new TreeMap<>();
    private volatile String halted;
    private Consumer<String> onHalt = reason -> { };

    OpnetWatcher(String engineId, OpnetRpc rpc, ChainEventSink sink, EventDecoder decoder, Settings settings) {
        this.engineId = engineId;
        this.rpc = rpc;
        this.sink = sink;
        this.decoder = decoder;
        this.settings = settings;
    }

    OpnetWatcher onHalt(Consumer<String> listener) {
        this.onHalt = listener;
        return this;
    }

    Optional<String> halted() {
        return Optional.ofNullable(halted);
    }

    /**
     * One step: reorg check, then at most {@code maxBlocksPerStep} blocks read and one commit.
     *
     * @return true when there is more to do right away
     * @throws ChainUnavailableException when the node cannot answer or its answers do not link (nothing was
     *     committed; retry later), or the watcher is halted
     */
    boolean poll() throws ChainUnavailableException {
        if (halted != null) {
            throw new ChainUnavailableException("OPNet watcher halted: " + halted);
        }
        long target = rpc.blockNumber() - settings.confirmations();
        Optional<OpnetCursor> cursor = sink.cursor(engineId).map(OpnetCursor::parse);
        if (cursor.isPresent() && !cursor.get().matches(rpc.block(cursor.get().height()))) {
            handleReorg(cursor.get());
            return true;
        }
        long from = cursor.map(c -> c.height() + 1).orElse(settings.startBlock());
        if (target < from) {
            return false;
        }
        long to = Math.min(target, from + settings.maxBlocksPerStep() - 1);
        List<ChainEvent> events = new ArrayList<>();
        List<OpnetCursor> read = new ArrayList<>();
        OpnetCursor previous = cursor.orElse(null);
        for (long height = from; height <= to; height++) {
            OpnetBlock block = rpc.block(height);
            if (previous != null && !block.extendsBlock(previous.hash(), previous.checksum())) {
                throw new ChainUnavailableException("block " + height + " does not link onto block " + previous.height()
                        + " (reorg under way); retrying");
            }
            events.addAll(decode(block));
            previous = OpnetCursor.of(block);
            read.add(previous);
        }
        if (!previous.matches(rpc.block(to))) {
            throw new ChainUnavailableException("block " + to + " changed while it was read; retrying");
        }
        sink.commit(engineId, events, previous.toChainCursor());
        read.forEach(this::remember);
        return to < target;
    }

    private List<ChainEvent> decode(OpnetBlock block) throws ChainUnavailableException {
        try {
            return decoder.decode(block);
        } catch (EventDecoder.UndecodableEventException e) {
            halted = e.getMessage();
            LOG.error("OPNet watcher HALTED at block {}: {}. The cursor stays where it is and nothing more is committed;"
                    + " check the contract addresses and the engine version, then restart the engine", block.height(), halted);
            onHalt.accept(halted);
            throw new ChainUnavailableException("OPNet watcher halted: " + halted);
        }
    }

    private void remember(OpnetCursor cursor) {
        recent.put(cursor.height(), cursor);
        while (recent.size() > RECENT) {
            recent.pollFirstEntry();
        }
    }

    private void handleReorg(OpnetCursor cursor) throws ChainUnavailableException {
        OpnetCursor forkPoint = findForkPoint(cursor);
        List<ChainEvent> actedOn = sink.reorg(engineId, forkPoint.toChainCursor());
        recent.tailMap(forkPoint.height(), false).clear();
        LOG.warn("reorg below the cursor {}: rewound to block {}; {} already acted-on event(s) reported to core",
                cursor.height(), forkPoint.height(), actedOn.size());
    }

    private OpnetCursor findForkPoint(OpnetCursor cursor) throws ChainUnavailableException {
        for (Map.Entry<Long, OpnetCursor> entry : recent.headMap(cursor.height(), false).descendingMap().entrySet()) {
            if (entry.getValue().matches(rpc.block(entry.getKey()))) {
                return entry.getValue();
            }
        }
        long height = Math.max(0, cursor.height() - settings.rewindDepth());
        return OpnetCursor.of(rpc.block(height));
    }
}
