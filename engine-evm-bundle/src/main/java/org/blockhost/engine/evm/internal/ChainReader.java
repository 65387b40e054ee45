package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.blockhost.engine.api.ChainUnavailableException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/** The chain reads the watcher needs; an interface so tests can imitate a restrictive RPC. */
public interface ChainReader {
    /** Thrown when the node refuses a log query because the range or the result set is too large. */
    final class RangeTooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        public RangeTooLargeException(String message) {
            super(message);
        }
    }

    long headNumber() throws ChainUnavailableException;

    /** The canonical hash of a block. */
    String blockHash(long number) throws ChainUnavailableException;

    List<Log> logs(List<String> addresses, List<String> topics, long from, long to)
            throws ChainUnavailableException, RangeTooLargeException;

    /** The reader over a web3j client. */
    static ChainReader of(Web3j web3j) {
        return new Rpc(web3j);
    }

    /** web3j implementation. */
    final class Rpc implements ChainReader {
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
            try {
                EthBlock.Block block = web3j.ethGetBlockByNumber(block(number), false).send().getBlock();
                if (block == null) {
                    throw new ChainUnavailableException("block " + number + " is unknown to the node");
                }
                return block.getHash();
            } catch (IOException | RuntimeException e) {
                throw new ChainUnavailableException("cannot read block " + number, e);
            }
        }

        @Override
        public List<Log> logs(List<String> addresses, List<String> topics, long from, long to)
                throws ChainUnavailableException, RangeTooLargeException {
            EthFilter filter = new EthFilter(block(from), block(to), addresses);
            filter.addOptionalTopics(topics.toArray(new String[0]));
            EthLog answer;
            try {
                answer = web3j.ethGetLogs(filter).send();
            } catch (IOException | RuntimeException e) {
                throw new ChainUnavailableException("eth_getLogs failed", e);
            }
            if (answer.hasError()) {
                String message = String.valueOf(answer.getError().getMessage());
                if (isRangeError(message)) {
                    throw new RangeTooLargeException(message);
                }
                throw new ChainUnavailableException("eth_getLogs: " + message);
            }
            return answer.getLogs().stream().map(r -> (Log) r.get()).toList();
        }

        static boolean isRangeError(String message) {
            String m = message.toLowerCase(Locale.ROOT);
            return m.contains("range") || m.contains("too many") || m.contains("limit") || m.contains("exceed")
                    || m.contains("more than");
        }

        private static DefaultBlockParameter block(long number) {
            return DefaultBlockParameter.valueOf(BigInteger.valueOf(number));
        }
    }
}
