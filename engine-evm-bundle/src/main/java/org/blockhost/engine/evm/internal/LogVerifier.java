package org.blockhost.engine.evm.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.blockhost.engine.api.ChainUnavailableException;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Bloom;

/**
 * Checks an {@code eth_getLogs} answer against the canonical headers read before it: the headers
 * must form one chain, every log must carry the canonical hash of its block, and a block whose
 * bloom says it may hold one of our logs but for which the answer has none (a node that lags or
 * serves another fork answers "nothing" without an error) is read again by its hash (EIP-234),
 * which a node that does not know the block refuses. Any doubt is a {@link ChainUnavailableException}:
 * the watcher commits nothing and retries.
 */
final class LogVerifier {
    private final ChainReader reader;
    private final Set<String> addresses = new HashSet<>();
    private final List<String> topics;

    LogVerifier(ChainReader reader, List<String> addresses, List<String> topics) {
        this.reader = reader;
        addresses.forEach(a -> this.addresses.add(a.toLowerCase(Locale.ROOT)));
        this.topics = List.copyOf(topics);
    }

    /** Requires the headers to be linked to each other and to {@code parentHash} (null: not checked). */
    static void requireLinked(List<ChainReader.Header> headers, String parentHash) throws ChainUnavailableException {
        String previous = parentHash;
        for (ChainReader.Header h : headers) {
            if (previous != null && !previous.equalsIgnoreCase(h.parentHash())) {
                throw new ChainUnavailableException("block " + h.number() + " does not follow the block before it:"
                        + " the chain changed while it was read; retrying");
            }
            previous = h.hash();
        }
    }

    /** The verified logs of {@code headers}' blocks, completed from per-block reads where the answer lacks some. */
    List<Log> verify(List<Log> answer, List<ChainReader.Header> headers) throws ChainUnavailableException {
        long from = headers.get(0).number();
        Set<Long> withLogs = new HashSet<>();
        List<Log> out = new ArrayList<>();
        for (Log log : answer) {
            ChainReader.Header h = headerOf(log, headers, from);
            requireCanonical(log, h);
            if (isOurs(log)) {
                withLogs.add(h.number());
                out.add(log);
            }
        }
        for (ChainReader.Header h : headers) {
            if (!withLogs.contains(h.number()) && mayHoldOurs(h)) {
                for (Log log : reader.logsOfBlock(h.hash())) {
                    requireCanonical(log, h);
                    if (isOurs(log)) {
                        out.add(log);
                    }
                }
            }
        }
        return out;
    }

    private static ChainReader.Header headerOf(Log log, List<ChainReader.Header> headers, long from)
            throws ChainUnavailableException {
        long n = log.getBlockNumber() == null ? -1 : log.getBlockNumber().longValueExact();
        if (n < from || n >= from + headers.size()) {
            throw new ChainUnavailableException("the node answered a log of block " + n + " outside the range asked");
        }
        return headers.get((int) (n - from));
    }

    private static void requireCanonical(Log log, ChainReader.Header h) throws ChainUnavailableException {
        if (log.isRemoved() || log.getBlockHash() == null || !log.getBlockHash().equalsIgnoreCase(h.hash())) {
            throw new ChainUnavailableException("a log of block " + h.number() + " is not from the canonical block "
                    + h.hash() + " (got " + log.getBlockHash() + (log.isRemoved() ? ", removed" : "")
                    + "): the node answered from another fork; retrying");
        }
    }

    private boolean isOurs(Log log) {
        return log.getAddress() != null && addresses.contains(log.getAddress().toLowerCase(Locale.ROOT))
                && log.getTopics() != null && !log.getTopics().isEmpty() && topics.contains(log.getTopics().get(0));
    }

    /** The bloom has no false negatives: false means the block holds none of our logs. */
    private boolean mayHoldOurs(ChainReader.Header h) {
        if (h.logsBloom() == null) {
            return true;
        }
        Bloom bloom = new Bloom(h.logsBloom());
        return addresses.stream().anyMatch(bloom::test) && topics.stream().anyMatch(bloom::test);
    }
}
