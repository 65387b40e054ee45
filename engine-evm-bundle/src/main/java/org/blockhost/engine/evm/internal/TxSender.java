package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.blockhost.engine.api.ChainUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The one sender of the host key's transactions. Gas is estimated and fees are chosen (EIP-1559)
 * before a nonce is taken, so a call that would revert never consumes a nonce; nonce assignment,
 * signing and submission happen under one lock, so parallel senders get contiguous nonces in
 * submission order. After an I/O error or a nonce complaint the next send re-reads the pending
 * nonce from the node.
 *
 * <p>A transaction still unmined {@code replaceAfter} after its last submission is re-signed with
 * the same nonce and fees raised by 1/8 (at least the node's current fees) and submitted again;
 * {@link #waitForReceipt} watches every hash of that nonce. No transaction offers more than the
 * configured maximum fee per gas: the first send is clamped to it, and once a replacement would
 * exceed it the transaction is not re-priced any more (it waits; a warning says so and
 * {@link #feeCapHits()} counts it).
 *
 * <p>Threading: thread-safe. {@link #send} holds the lock only for the submission round trip;
 * {@link #waitForReceipt} holds no lock.
 */
public final class TxSender {
    private static final Logger LOG = LoggerFactory.getLogger(TxSender.class);

    private final Web3j web3j;
    private final Credentials credentials;
    private final long chainId;
    private final FeeOracle fees;
    private final ReceiptWaiter receipts;
    private final Object lock = new Object();
    private final Map<String, Submitted> submitted = new ConcurrentHashMap<>();
    private final Duration replaceAfter;
    private final BigInteger maxFeePerGas;
    private final java.util.concurrent.atomic.AtomicLong feeCapHits = new java.util.concurrent.atomic.AtomicLong();
    private BigInteger nextNonce;

    /** Cap used where none is configured (setup): 500 gwei. */
    static final BigInteger DEFAULT_MAX_FEE_PER_GAS = BigInteger.valueOf(500_000_000_000L);

    /** A submitted transaction and every hash it was (re)submitted under; {@code capped}: no more bumps. */
    private record Submitted(RawTransaction[] tx, List<String> hashes, long[] lastSubmitNanos, boolean[] capped) {
    }

    public TxSender(Web3j web3j, Credentials credentials, long chainId, Duration receiptPoll, Duration receiptTimeout) {
        this(web3j, credentials, chainId, receiptPoll, receiptTimeout, Duration.ofSeconds(60));
    }

    public TxSender(Web3j web3j, Credentials credentials, long chainId, Duration receiptPoll, Duration receiptTimeout,
            Duration replaceAfter) {
        this(web3j, credentials, chainId, receiptPoll, receiptTimeout, replaceAfter, DEFAULT_MAX_FEE_PER_GAS);
    }

    /** {@code maxFeePerGas}: the most (wei per gas) any transaction of this sender offers. */
    public TxSender(Web3j web3j, Credentials credentials, long chainId, Duration receiptPoll, Duration receiptTimeout,
            Duration replaceAfter, BigInteger maxFeePerGas) {
        if (maxFeePerGas.signum() <= 0) {
            throw new IllegalArgumentException("the maximum fee per gas must be positive");
        }
        this.maxFeePerGas = maxFeePerGas;
        this.web3j = web3j;
        this.credentials = credentials;
        this.chainId = chainId;
        this.fees = new FeeOracle(web3j);
        this.receipts = new ReceiptWaiter(web3j, receiptPoll, receiptTimeout);
        this.replaceAfter = replaceAfter;
    }

    /** The sender's address (lowercase 0x-hex). */
    public String address() {
        return credentials.getAddress();
    }

    /** Sends a call or transfer; returns the transaction hash once the node accepted it. */
    public String send(String to, String data, BigInteger value) throws ChainUnavailableException, TransactionRevertedException {
        BigInteger gas = fees.estimateGas(address(), to, data, value);
        FeeOracle.Fees fee = capped(fees.current());
        synchronized (lock) {
            BigInteger nonce = nextNonce();
            RawTransaction tx = RawTransaction.createTransaction(chainId, nonce, gas, to == null ? "" : to, value,
                    data, fee.priority(), fee.max());
            String hash = submit(sign(tx));
            nextNonce = nonce.add(BigInteger.ONE);
            prune();
            submitted.put(hash, new Submitted(new RawTransaction[] {tx}, new CopyOnWriteArrayList<>(List.of(hash)),
                    new long[] {System.nanoTime()}, new boolean[1]));
            return hash;
        }
    }

    /** Deploys a contract; returns the mined receipt (contract address in {@code getContractAddress()}). */
    public TransactionReceipt deploy(String bytecodeAndArgs) throws ChainUnavailableException, TransactionRevertedException {
        return waitForReceipt(send(null, bytecodeAndArgs, BigInteger.ZERO));
    }

    /** Sends and waits for the receipt; a mined but failed transaction is a {@link TransactionRevertedException}. */
    public TransactionReceipt sendAndWait(String to, String data) throws ChainUnavailableException, TransactionRevertedException {
        TransactionReceipt receipt = waitForReceipt(send(to, data, BigInteger.ZERO));
        if (!receipt.isStatusOK()) {
            throw new TransactionRevertedException("transaction " + receipt.getTransactionHash() + " reverted", "");
        }
        return receipt;
    }

    /** Waits until the transaction (or a fee-bumped replacement of it) is mined. */
    public TransactionReceipt waitForReceipt(String hash) throws ChainUnavailableException {
        Submitted s = submitted.get(hash);
        if (s == null) {
            return receipts.await(hash);
        }
        long deadline = System.nanoTime() + receipts.timeout().toNanos();
        try {
            while (System.nanoTime() < deadline) {
                for (String h : s.hashes()) {
                    Optional<TransactionReceipt> receipt = receipts.fetch(h);
                    if (receipt.isPresent()) {
                        return receipt.get();
                    }
                }
                if (!s.capped()[0] && System.nanoTime() - s.lastSubmitNanos()[0] > replaceAfter.toNanos()) {
                    replace(s);
                }
                receipts.sleep();
            }
            throw new ChainUnavailableException("no receipt for " + hash + " within " + receipts.timeout());
        } finally {
            s.hashes().forEach(submitted::remove);
        }
    }

    private void replace(Submitted s) throws ChainUnavailableException {
        synchronized (s) {
            RawTransaction old = s.tx()[0];
            Transaction1559 t = (Transaction1559) old.getTransaction();
            FeeOracle.Fees now = fees.current();
            BigInteger priority = bump(t.getMaxPriorityFeePerGas()).max(now.priority());
            BigInteger max = bump(t.getMaxFeePerGas()).max(now.max()).max(priority);
            if (max.compareTo(maxFeePerGas) > 0) {
                s.capped()[0] = true;
                feeCapHits.incrementAndGet();
                LOG.warn("transaction with nonce {} unmined after {}, but a replacement would offer {} wei per gas,"
                        + " above the configured maximum {}: it is not re-priced and waits at {}", old.getNonce(),
                        replaceAfter, max, maxFeePerGas, t.getMaxFeePerGas());
                return;
            }
            RawTransaction tx = RawTransaction.createTransaction(chainId, old.getNonce(), old.getGasLimit(), old.getTo(),
                    old.getValue(), old.getData(), priority, max);
            s.lastSubmitNanos()[0] = System.nanoTime();
            try {
                String hash;
                synchronized (lock) {
                    hash = submit(sign(tx));
                }
                s.tx()[0] = tx;
                s.hashes().add(hash);
                submitted.put(hash, s);
                LOG.warn("transaction with nonce {} unmined after {}: replaced by {} with max fee {}", old.getNonce(),
                        replaceAfter, hash, max);
            } catch (ChainUnavailableException e) {
                LOG.info("replacement of nonce {} not accepted ({}); still waiting", old.getNonce(), e.getMessage());
            }
        }
    }

    /** How often a stuck transaction was left at its fee because a bump would pass the cap. */
    public long feeCapHits() {
        return feeCapHits.get();
    }

    private FeeOracle.Fees capped(FeeOracle.Fees fee) {
        BigInteger max = fee.max().min(maxFeePerGas);
        if (max.compareTo(fee.max()) < 0) {
            LOG.warn("the node suggests a max fee of {} wei per gas; capped at the configured {}", fee.max(), max);
        }
        return new FeeOracle.Fees(fee.priority().min(max), max);
    }

    /** Forgets transactions nobody waited for (fire-and-forget sends) once they are well past the timeout. */
    private void prune() {
        long horizon = System.nanoTime() - 2 * receipts.timeout().toNanos();
        submitted.values().removeIf(s -> s.lastSubmitNanos()[0] < horizon);
    }

    /** +12.5 % and one wei: above the 10 % minimum replacement bump of common nodes. */
    private static BigInteger bump(BigInteger fee) {
        return fee.add(fee.shiftRight(3)).add(BigInteger.ONE);
    }

    private String sign(RawTransaction tx) {
        return Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, credentials));
    }

    private BigInteger nextNonce() throws ChainUnavailableException {
        if (nextNonce == null) {
            try {
                nextNonce = web3j.ethGetTransactionCount(address(), DefaultBlockParameterName.PENDING).send()
                        .getTransactionCount();
            } catch (IOException | RuntimeException e) {
                throw new ChainUnavailableException("cannot read the host key's nonce", e);
            }
        }
        return nextNonce;
    }

    private String submit(String raw) throws ChainUnavailableException {
        EthSendTransaction sent;
        try {
            sent = web3j.ethSendRawTransaction(raw).send();
        } catch (IOException | RuntimeException e) {
            nextNonce = null;
            throw new ChainUnavailableException("transaction submission failed", e);
        }
        if (sent.hasError()) {
            String message = sent.getError().getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("nonce")) {
                nextNonce = null;
            }
            LOG.warn("node rejected a transaction: {}", message);
            throw new ChainUnavailableException("node rejected the transaction: " + message);
        }
        return sent.getTransactionHash();
    }
}
