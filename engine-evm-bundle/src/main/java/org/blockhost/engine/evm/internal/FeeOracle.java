package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.math.BigInteger;
import org.blockhost.engine.api.ChainUnavailableException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthEstimateGas;

/** Gas estimation and EIP-1559 fees: max fee = 2 × base fee + priority fee, as the node suggests. */
final class FeeOracle {
    /** Estimated gas × 6/5: headroom for state that changes between estimate and inclusion. */
    private static final BigInteger GAS_NUM = BigInteger.valueOf(6);
    private static final BigInteger GAS_DEN = BigInteger.valueOf(5);

    record Fees(BigInteger priority, BigInteger max) {
    }

    private final Web3j web3j;

    FeeOracle(Web3j web3j) {
        this.web3j = web3j;
    }

    BigInteger estimateGas(String from, String to, String data, BigInteger value)
            throws ChainUnavailableException, TransactionRevertedException {
        Transaction call = new Transaction(from, null, null, null, to, value, data);
        EthEstimateGas estimate;
        try {
            estimate = web3j.ethEstimateGas(call).send();
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("gas estimation failed", e);
        }
        if (estimate.hasError()) {
            throw reverted(estimate.getError());
        }
        return estimate.getAmountUsed().multiply(GAS_NUM).divide(GAS_DEN);
    }

    Fees current() throws ChainUnavailableException {
        try {
            EthBlock.Block latest = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
            BigInteger priority = web3j.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
            BigInteger base = latest.getBaseFeePerGas();
            return new Fees(priority, base.shiftLeft(1).add(priority));
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("cannot read fees", e);
        }
    }

    /** Turns a node error into a revert when it carries revert data or says "revert", else unavailable. */
    static TransactionRevertedException reverted(Response.Error error) throws ChainUnavailableException {
        String message = String.valueOf(error.getMessage());
        String data = unquote(error.getData());
        if (data == null && !message.contains("revert")) {
            throw new ChainUnavailableException("node error: " + message);
        }
        return new TransactionRevertedException(message, data);
    }

    /** web3j hands over the error's {@code data} as raw JSON: a quoted hex string. */
    private static String unquote(String json) {
        if (json == null) {
            return null;
        }
        String s = json.trim();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
