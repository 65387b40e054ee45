package org.blockhost.engine.evm.internal;

import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.blockhost.engine.api.ChainUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.transaction.type.Transaction1559;

/**
 * Re-prices a stuck transaction: same nonce, fees raised by 1/8 (at least the node's current fees).
 * No transaction offers more than the configured maximum fee per gas: the first offer is clamped
 * to it, and once a replacement would exceed it the transaction is not re-priced any more (it
 * waits; a warning says so and {@link #capHits()} counts it).
 */
final class FeeBumper {
    private static final Logger LOG = LoggerFactory.getLogger(FeeBumper.class);

    private final FeeOracle fees;
    private final Submitter submitter;
    private final BigInteger maxFeePerGas;
    private final Duration replaceAfter;
    private final AtomicLong capHits = new AtomicLong();

    FeeBumper(FeeOracle fees, Submitter submitter, BigInteger maxFeePerGas, Duration replaceAfter) {
        if (maxFeePerGas.signum() <= 0) {
            throw new IllegalArgumentException("the maximum fee per gas must be positive");
        }
        this.fees = fees;
        this.submitter = submitter;
        this.maxFeePerGas = maxFeePerGas;
        this.replaceAfter = replaceAfter;
    }

    /** The node's current fees, clamped to the cap: the first offer of a new transaction. */
    FeeOracle.Fees firstOffer() throws ChainUnavailableException {
        FeeOracle.Fees fee = fees.current();
        BigInteger max = fee.max().min(maxFeePerGas);
        if (max.compareTo(fee.max()) < 0) {
            LOG.warn("the node suggests a max fee of {} wei per gas; capped at the configured {}", fee.max(), max);
        }
        return new FeeOracle.Fees(fee.priority().min(max), max);
    }

    /** Whether {@code t} has waited long enough unmined to be re-priced. */
    boolean due(Tracked t) {
        return !t.capped() && System.nanoTime() - t.lastSubmitNanos() > replaceAfter.toNanos();
    }

    /** Submits a re-priced replacement of {@code t}; returns its hash (empty: capped or not accepted). */
    java.util.Optional<String> replace(Tracked t) throws ChainUnavailableException {
        synchronized (t) {
            RawTransaction old = t.tx();
            Transaction1559 was = (Transaction1559) old.getTransaction();
            FeeOracle.Fees now = fees.current();
            BigInteger priority = bump(was.getMaxPriorityFeePerGas()).max(now.priority());
            BigInteger max = bump(was.getMaxFeePerGas()).max(now.max()).max(priority);
            if (max.compareTo(maxFeePerGas) > 0) {
                t.cap();
                capHits.incrementAndGet();
                LOG.warn("transaction with nonce {} unmined after {}, but a replacement would offer {} wei per gas,"
                        + " above the configured maximum {}: it is not re-priced and waits at {}", old.getNonce(),
                        replaceAfter, max, maxFeePerGas, was.getMaxFeePerGas());
                return java.util.Optional.empty();
            }
            RawTransaction tx = RawTransaction.createTransaction(submitter.chainId(), old.getNonce(), old.getGasLimit(),
                    old.getTo(), old.getValue(), old.getData(), priority, max);
            t.rebroadcast(); // the attempt counts, accepted or not
            try {
                String hash = submitter.resubmit(tx);
                t.replaced(tx, hash);
                LOG.warn("transaction with nonce {} unmined after {}: replaced by {} with max fee {}", old.getNonce(),
                        replaceAfter, hash, max);
                return java.util.Optional.of(hash);
            } catch (ChainUnavailableException e) {
                LOG.info("replacement of nonce {} not accepted ({}); still waiting", old.getNonce(), e.getMessage());
                return java.util.Optional.empty();
            }
        }
    }

    long capHits() {
        return capHits.get();
    }

    /** +12.5 % and one wei: above the 10 % minimum replacement bump of common nodes. */
    private static BigInteger bump(BigInteger fee) {
        return fee.add(fee.shiftRight(3)).add(BigInteger.ONE);
    }
}
