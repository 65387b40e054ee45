package org.blockhost.engine.evm.internal;

import java.util.List;
import java.util.Optional;
import org.blockhost.engine.api.ChainCursor;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainEventSink;
import org.blockhost.engine.api.ChainUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Follows the contracts' events up to {@code head − confirmations} and hands them to core with
 * the new cursor in one commit. Log queries cover at most {@code range} blocks; the range halves
 * when the node says it is too large and doubles back (up to the maximum) after each success.
 * Before every step the cursor's block hash is checked against the canonical chain: a mismatch is
 * a reorg deeper than the confirmations, reported to the sink at a fork point found from the
 * recently committed hashes (or a configured rewind depth after a restart).
 *
 * <p>Threading: not thread-safe; the engine drives it from one thread.
 */
public final class ChainWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ChainWatcher.class);

    /** How the watcher reads. */
    public record Settings(int confirmations, long startBlock, int maxRange, int rewindDepth) {
    }

    private final String engineId;
    private final ChainReader reader;
    private final ChainEventSink sink;
    private final LogDecoder decoder;
    private final List<String> addresses;
    private final Settings settings;
    private final RecentHashes recent = new RecentHashes(256);
    private int range;
    private AdminCommandScanner admin;

    public ChainWatcher(String engineId, ChainReader reader, ChainEventSink sink, String subscriptions, String credential,
            Settings settings) {
        this.engineId = engineId;
        this.reader = reader;
        this.sink = sink;
        this.decoder = new LogDecoder(subscriptions, credential);
        this.addresses = List.of(subscriptions, credential);
        this.settings = settings;
        this.range = settings.maxRange();
    }

    /** Also commits the admin commands that {@code scanner} finds in final blocks. */
    ChainWatcher withAdminCommands(AdminCommandScanner scanner) {
        this.admin = scanner;
        return this;
    }

    /** The current log query range in blocks. */
    public int range() {
        return range;
    }

    /**
     * One step: reorg check, then at most one log query and one commit.
     *
     * @return true when there is more to do right away
     */
    public boolean poll() throws ChainUnavailableException {
        long target = reader.headNumber() - settings.confirmations();
        Optional<ChainCursor> cursor = sink.cursor(engineId);
        if (cursor.isPresent() && !reader.blockHash(cursor.get().blockNumber()).equals(cursor.get().blockHash())) {
            handleReorg(cursor.get());
            return true;
        }
        long from = cursor.map(c -> c.blockNumber() + 1).orElse(settings.startBlock());
        if (target < from) {
            return false;
        }
        long to = Math.min(target, from + range - 1);
        List<Log> logs;
        try {
            logs = reader.logs(addresses, LogDecoder.topics(), from, to);
        } catch (ChainReader.RangeTooLargeException e) {
            range = Math.max(1, range / 2);
            LOG.info("log range {}..{} refused ({}); range now {}", from, to, e.getMessage(), range);
            return true;
        }
        commit(logs, to);
        range = (int) Math.min(settings.maxRange(), range * 2L);
        return to < target;
    }

    /** Commits the decoded logs and the admin commands of newly final blocks with the cursor {@code to}. */
    private void commit(List<Log> logs, long to) throws ChainUnavailableException {
        List<ChainEvent> events = new java.util.ArrayList<>(decoder.decode(logs));
        if (admin != null) {
            events.addAll(admin.pending());
        }
        String hash = reader.blockHash(to);
        sink.commit(engineId, events, new ChainCursor(to, hash));
        if (admin != null) {
            admin.committed();
        }
        recent.put(to, hash);
    }

    private void handleReorg(ChainCursor cursor) throws ChainUnavailableException {
        ChainCursor forkPoint = findForkPoint(cursor);
        List<ChainEvent> actedOn = sink.reorg(engineId, forkPoint);
        recent.dropAbove(forkPoint.blockNumber());
        LOG.warn("reorg below the cursor {}: rewound to block {}; {} already acted-on event(s) reported to core",
                cursor.blockNumber(), forkPoint.blockNumber(), actedOn.size());
    }

    private ChainCursor findForkPoint(ChainCursor cursor) throws ChainUnavailableException {
        for (var entry : recent.newestFirst()) {
            if (entry.getKey() < cursor.blockNumber() && reader.blockHash(entry.getKey()).equals(entry.getValue())) {
                return new ChainCursor(entry.getKey(), entry.getValue());
            }
        }
        long number = Math.max(0, cursor.blockNumber() - settings.rewindDepth());
        return new ChainCursor(number, reader.blockHash(number));
    }
}
