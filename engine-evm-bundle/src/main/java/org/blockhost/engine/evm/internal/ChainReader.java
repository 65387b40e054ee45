package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.blockhost.engine.api.ChainUnavailableException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/** The chain reads the watcher needs; an interface so tests can imitate a restrictive or inconsistent RPC. */
public interface ChainReader {
    /** Thrown when the node refuses a log query because the range or the result set is too large. */
    final class RangeTooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        public RangeTooLargeException(String message) {
            super(message);
        }
    }

    /** A block header: what the watcher verifies logs against. */
    record Header(long number, String hash, String parentHash, String logsBloom) {
    }

    long headNumber() throws ChainUnavailableException;

    /** The canonical hash of a block. */
    String blockHash(long number) throws ChainUnavailableException;

    /** The canonical headers of {@code from..to}, in order; a block unknown to the node is unavailable. */
    List<Header> headers(long from, long to) throws ChainUnavailableException;

    List<Log> logs(List<String> addresses, List<String> topics, long from, long to)
            throws ChainUnavailableException, RangeTooLargeException;

    /** Every log of one block chosen by its hash (EIP-234): the node errs when it does not know that block. */
    List<Log> logsOfBlock(String blockHash) throws ChainUnavailableException;

    /** The reader over a web3j client. */
    static ChainReader of(Web3j web3j) {
        return new Rpc(web3j);
    }

    /** web3j implementation. */
    final class Rpc implements ChainReader {
        private static final int BATCH = 100;
        private final Web3j web3j;

        Rpc(Web3j web3j) {
            this.web3j = web3j;
        }

        @Override
        public long headNumber() throws ChainUnavailableException {
            try {
                return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
            } catch (IOException | RuntimeException e) {
                throw new ChainUnavailableException("cannot read the head", e);
            }
        }

        @Override
        public String blockHash(long number) throws ChainUnavailableException {
            return headers(number, number).get(0).hash();
        }

        @Override
        public List<Header> headers(long from, long to) throws ChainUnavailableException {
            List<Header> out = new ArrayList<>();
            for (long start = from; start <= to; start += BATCH) {
                long end = Math.min(to, start + BATCH - 1);
                try {
                    BatchRequest batch = web3j.newBatch();
                    for (long n = start; n <= end; n++) {
                        batch.add(web3j.ethGetBlockByNumber(block(n), false));
                    }
                    List<? extends Response<?>> answers = batch.send().getResponses();
                    for (long n = start; n <= end; n++) {
                        out.add(header(n, answers.size() > n - start ? answers.get((int) (n - start)) : null));
                    }
                } catch (IOException | RuntimeException e) {
                    throw new ChainUnavailableException("cannot read blocks " + start + ".." + end, e);
                }
            }
            return out;
        }

        private static Header header(long n, Response<?> answer) throws ChainUnavailableException {
            if (!(answer instanceof EthBlock b) || b.hasError() || b.getBlock() == null) {
                throw new ChainUnavailableException("block " + n + " is unknown to the node");
            }
            EthBlock.Block block = b.getBlock();
            if (block.getNumber() == null || block.getNumber().longValueExact() != n || block.getHash() == null) {
                throw new ChainUnavailableException("the node answered another block for " + n);
            }
            return new Header(n, block.getHash(), block.getParentHash(), block.getLogsBloom());
        }

        @Override
        public List<Log> logs(List<String> addresses, List<String> topics, long from, long to)
                throws ChainUnavailableException, RangeTooLargeException {
            EthFilter filter = new EthFilter(block(from), block(to), addresses);
            filter.addOptionalTopics(topics.toArray(new String[0]));
            EthLog answer = send(filter);
            if (answer.hasError()) {
                String message = String.valueOf(answer.getError().getMessage());
                if (isRangeError(message)) {
                    throw new RangeTooLargeException(message);
                }
                throw new ChainUnavailableException("eth_getLogs: " + message);
            }
            return list(answer);
        }

        @Override
        public List<Log> logsOfBlock(String blockHash) throws ChainUnavailableException {
            EthLog answer = send(new EthFilter(blockHash));
            if (answer.hasError()) {
                throw new ChainUnavailableException("eth_getLogs of block " + blockHash + ": "
                        + answer.getError().getMessage());
            }
            return list(answer);
        }

        private EthLog send(EthFilter filter) throws ChainUnavailableException {
            try {
                return web3j.ethGetLogs(filter).send();
            } catch (IOException | RuntimeException e) {
                throw new ChainUnavailableException("eth_getLogs failed", e);
            }
        }

        private static List<Log> list(EthLog answer) throws ChainUnavailableException {
            if (answer.getLogs() == null) {
                throw new ChainUnavailableException("eth_getLogs answered no list");
            }
            return answer.getLogs().stream().map(r -> (Log) r.get()).toList();
        }

        /**
         * Whether the node refused the size of a log query. A rate limit ("rate limit", "too many
         * requests", HTTP 429) is not: it is an outage the loop backs off from.
         */
        static boolean isRangeError(String message) {
            String m = message.toLowerCase(Locale.ROOT);
            if (m.contains("rate") || m.contains("too many requests") || m.contains("429") || m.contains("throttl")
                    || m.contains("per second") || m.contains("capacity") || m.contains("credits")) {
                return false;
            }
            return m.contains("range") || m.contains("too many") || m.contains("limit") || m.contains("exceed")
                    || m.contains("more than");
        }

        private static DefaultBlockParameter block(long number) {
            return DefaultBlockParameter.valueOf(BigInteger.valueOf(number));
        }
    }
}
