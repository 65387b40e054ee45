package org.blockhost.engine.evm.internal;

import java.math.BigInteger;
import java.util.Optional;
import java.util.function.Function;
import org.blockhost.engine.api.ChainUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.RawTransaction;

/**
 * Closes nonce gaps. A reorg, or a node restarting or evicting, can drop one of the host key's
 * transactions that nobody re-broadcasts; every later transaction then waits behind the missing
 * nonce forever. For a transaction still unmined, the node's pending nonce (the first nonce it has
 * no executable transaction for) is read: if it is at or below the transaction's nonce, the
 * missing nonces are filled from the lowest up: with the dropped transaction itself when this
 * sender still has it and a fresh gas estimate shows it would still succeed (a mint that another
 * transaction has done meanwhile would revert, so it is not re-sent and no mint is ever doubled),
 * otherwise with a zero-value transfer to the host's own address.
 */
final class NonceGaps {
    private static final Logger LOG = LoggerFactory.getLogger(NonceGaps.class);
    private static final BigInteger TRANSFER_GAS = BigInteger.valueOf(21_000);
    private static final int MAX_FILLS_PER_CHECK = 16;

    private final Submitter submitter;
    private final FeeOracle fees;
    private final FeeBumper bumper;
    private final Function<BigInteger, Optional<Tracked>> byNonce;

    NonceGaps(Submitter submitter, FeeOracle fees, FeeBumper bumper, Function<BigInteger, Optional<Tracked>> byNonce) {
        this.submitter = submitter;
        this.fees = fees;
        this.bumper = bumper;
        this.byNonce = byNonce;
    }

    /** Fills the nonces missing at and below {@code waiting}'s, lowest first; returns how many were filled. */
    int fill(Tracked waiting) throws ChainUnavailableException {
        int filled = 0;
        while (filled < MAX_FILLS_PER_CHECK) {
            BigInteger missing = submitter.pendingNonce();
            if (missing.compareTo(waiting.nonce()) > 0) {
                return filled;
            }
            Optional<Tracked> own = missing.equals(waiting.nonce()) ? Optional.of(waiting) : byNonce.apply(missing);
            try {
                fillOne(missing, own, own.isPresent() && own.get() == waiting);
            } catch (ChainUnavailableException e) {
                LOG.info("nonce {} still missing, the node refused to fill it ({}); trying again later", missing,
                        e.getMessage());
                return filled;
            }
            filled++;
            if (missing.equals(waiting.nonce())) {
                return filled;
            }
        }
        return filled;
    }

    private void fillOne(BigInteger nonce, Optional<Tracked> own, boolean awaited) throws ChainUnavailableException {
        if (own.isPresent() && (awaited || stillSucceeds(own.get().tx()))) {
            Tracked t = own.get();
            synchronized (t) {
                submitter.resubmit(t.tx());
                t.rebroadcast();
            }
            LOG.warn("transaction with nonce {} was dropped by the node: re-broadcast as {}", nonce,
                    t.hashes().get(t.hashes().size() - 1));
            return;
        }
        FeeOracle.Fees fee = bumper.firstOffer();
        RawTransaction filler = RawTransaction.createTransaction(submitter.chainId(), nonce, TRANSFER_GAS,
                submitter.address(), BigInteger.ZERO, "", fee.priority(), fee.max());
        String hash = submitter.resubmit(filler);
        LOG.warn("nonce {} of the host key was missing ({}): filled with a zero-value transfer {}", nonce,
                own.isPresent() ? "its dropped transaction would now revert" : "no transaction of this run had it", hash);
    }

    /** Whether the transaction, sent now, would still succeed (its gas estimate does not revert). */
    private boolean stillSucceeds(RawTransaction tx) throws ChainUnavailableException {
        String to = tx.getTo() == null || tx.getTo().isEmpty() ? null : tx.getTo();
        String data = tx.getData() == null ? "0x" : "0x" + org.web3j.utils.Numeric.cleanHexPrefix(tx.getData());
        try {
            fees.estimateGas(submitter.address(), to, data, tx.getValue());
            return true;
        } catch (TransactionRevertedException e) {
            return false;
        }
    }
}
