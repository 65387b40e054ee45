package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.math.BigInteger;
import org.blockhost.engine.api.ChainUnavailableException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;

/** Which block counts as final: the node's {@code finalized} tag, else head − the configured depth. */
final class Finality {
    private final Web3j web3j;
    private final int depth;

    Finality(Web3j web3j, int depth) {
        this.web3j = web3j;
        this.depth = depth;
    }

    /** The final block number, never above {@code head}. */
    long number(long head) throws ChainUnavailableException {
        try {
            EthBlock tagged = web3j.ethGetBlockByNumber(DefaultBlockParameterName.FINALIZED, false).send();
            if (!tagged.hasError() && tagged.getBlock() != null) {
                return Math.min(head, tagged.getBlock().getNumber().longValueExact());
            }
            return Math.max(0, head - depth);
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("cannot read the finalized block", e);
        }
    }

    /** The final block number, reading the head first. */
    long number() throws ChainUnavailableException {
        try {
            return number(web3j.ethBlockNumber().send().getBlockNumber().longValueExact());
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("cannot read the head", e);
        }
    }

    /** A block by number, with full transactions or not; a block the node does not know is unavailable. */
    static EthBlock.Block block(Web3j web3j, long n, boolean transactions) throws ChainUnavailableException {
        try {
            EthBlock.Block b = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)),
                    transactions).send().getBlock();
            if (b == null || b.getNumber() == null || b.getNumber().longValueExact() != n) {
                throw new ChainUnavailableException("block " + n + " is unknown to the node");
            }
            return b;
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("cannot read block " + n, e);
        }
    }
}
