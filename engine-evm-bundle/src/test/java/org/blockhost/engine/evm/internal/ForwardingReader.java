package org.blockhost.engine.evm.internal;

import java.util.List;
import org.blockhost.engine.api.ChainUnavailableException;
import org.web3j.protocol.core.methods.response.Log;

/** Test double base: forwards every read to a real reader; tests override what a faulty node does differently. */
class ForwardingReader implements ChainReader {
    final ChainReader real;

    ForwardingReader(ChainReader real) {
        this.real = real;
    }

    @Override
    public long headNumber() throws ChainUnavailableException {
        return real.headNumber();
    }

    @Override
    public String blockHash(long number) throws ChainUnavailableException {
        return real.blockHash(number);
    }

    @Override
    public List<Header> headers(long from, long to) throws ChainUnavailableException {
        return real.headers(from, to);
    }

    @Override
    public List<Log> logs(List<String> addresses, List<String> topics, long from, long to)
            throws ChainUnavailableException, RangeTooLargeException {
        return real.logs(addresses, topics, from, to);
    }

    @Override
    public List<Log> logsOfBlock(String blockHash) throws ChainUnavailableException {
        return real.logsOfBlock(blockHash);
    }
}
