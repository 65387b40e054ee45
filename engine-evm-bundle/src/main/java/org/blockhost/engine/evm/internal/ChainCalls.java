package org.blockhost.engine.evm.internal;

import java.io.IOException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/** Read-only contract calls ({@code eth_call}) that tell a revert apart from an unreachable node. */
public final class ChainCalls {
    private final Web3j web3j;

    public ChainCalls(Web3j web3j) {
        this.web3j = web3j;
    }

    /** The node's head block number. */
    public long headNumber() throws ChainUnavailableException {
        try {
            return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("cannot read the head", e);
        }
    }

    /** Calls {@code to} with {@code data} as {@code from} at {@code block}; returns the 0x-hex result. */
    public String call(String from, String to, String data, DefaultBlockParameter block)
            throws ChainUnavailableException, TransactionRevertedException {
        EthCall result;
        try {
            result = web3j.ethCall(Transaction.createEthCallTransaction(from, to, data), block).send();
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("eth_call to " + to + " failed", e);
        }
        if (result.hasError()) {
            throw FeeOracle.reverted(result.getError());
        }
        String value = result.getValue();
        if (value == null) {
            throw new ChainUnavailableException("eth_call to " + to + " returned no value");
        }
        return value;
    }
}
