package org.blockhost.engine.evm.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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
 * <p>Every step reads the canonical headers of its range <em>before</em> the logs, verifies the
 * logs against them ({@link LogVerifier}: hashes, blooms, per-block re-reads) and re-reads the
 * last block's hash afterwards; on any doubt it commits nothing and the caller retries. The cursor
 * never passes a block whose logs were not verified. A watched log of our own contracts that does
 * not decode halts the watcher (an error, reported through {@code onHalt}); it is never skipped.
 *
 * <p>Threading: not thread-safe; the engine drives it from one thread. {@link #halted()} may be read from any.
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
    private final LogVerifier verifier;
    private final List<String> addresses;
    private final Settings settings;
    private final RecentHashes recent = new RecentHashes(256);
    private int range;
    private volatile String halted;
    private Consumer<String> onHalt = reason -> { };

    public ChainWatcher(String engineId, ChainReader reader, ChainEventSink sink, String subscriptions, String credential,
            Settings settings) {
        this.engineId = engineId;
        this.reader = reader;
        this.sink = sink;
        this.decoder = new LogDecoder(subscriptions, credential);
        this.addresses = List.of(subscriptions, credential);
        this.verifier = new LogVerifier(reader, addresses, LogDecoder.topics());
        this.settings = settings;
        this.range = settings.maxRange();
    }

    /** Called once with the reason when the watcher halts. */
    ChainWatcher onHalt(Consumer<String> listener) {
        this.onHalt = listener;
        return this;
    }

    /** The current log query range in blocks. */
    public int range() {
        return range;
    }

    /** Why the watcher stopped for good, empty while it runs. */
    public Optional<String> halted() {
        return Optional.ofNullable(halted);
    }

    /**
     * One step: reorg check, then at most one verified log query and one commit.
     *
     * @return true when there is more to do right away
     * @throws ChainUnavailableException when the node cannot answer, its answers disagree (nothing was
     *     committed; retry later) or the watcher is halted
     */
    public boolean poll() throws ChainUnavailableException {
        if (halted != null) {
            throw new ChainUnavailableException("chain watcher halted: " + halted);
        }
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
        List<ChainReader.Header> headers = reader.headers(from, to);
        LogVerifier.requireLinked(headers, cursor.map(ChainCursor::blockHash).orElse(null));
        List<Log> logs;
        try {
            logs = reader.logs(addresses, LogDecoder.topics(), from, to);
        } catch (ChainReader.RangeTooLargeException e) {
            range = Math.max(1, range / 2);
            LOG.info("log range {}..{} refused ({}); range now {}", from, to, e.getMessage(), range);
            return true;
        }
        List<Log> verified = verifier.verify(logs, headers);
        String hash = headers.get(headers.size() - 1).hash();
        if (!reader.blockHash(to).equalsIgnoreCase(hash)) {
            throw new ChainUnavailableException("block " + to + " changed while its logs were read; retrying");
        }
        commit(verified, new ChainCursor(to, hash));
        range = (int) Math.min(settings.maxRange(), range * 2L);
        return to < target;
    }

    private void commit(List<Log> logs, ChainCursor cursor) throws ChainUnavailableException {
        List<ChainEvent> events;
        try {
            events = decoder.decode(logs);
        } catch (LogDecoder.UndecodableLogException e) {
            halted = e.getMessage();
            LOG.error("chain watcher HALTED before block {}: {}. The cursor stays where it is and nothing more is"
                    + " committed; check the contract addresses and the engine version, then restart the engine",
                    cursor.blockNumber(), halted);
            onHalt.accept(halted);
            throw new ChainUnavailableException("chain watcher halted: " + halted);
        }
        sink.commit(engineId, events, cursor);
        recent.put(cursor.blockNumber(), cursor.blockHash());
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
