package org.blockhost.engine.evm.internal;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.Treasury;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The one sender of the host key's transactions. Gas is estimated and fees are chosen (EIP-1559)
 * before a nonce is taken, so a call that would revert never consumes a nonce; nonces, signing
 * and submission are the {@link Submitter}'s.
 *
 * <p>While {@link #waitForReceipt} waits, a transaction still unmined {@code replaceAfter} after its
 * last submission is first checked for a nonce gap at or below it ({@link NonceGaps}: a dropped
 * transaction is re-broadcast or its nonce filled) and otherwise re-priced ({@link FeeBumper}, capped
 * at the configured maximum fee per gas); every hash of that nonce is watched.
 *
 * <p>Threading: thread-safe. {@link #send} holds the submitter's lock only for the submission round
 * trip; {@link #waitForReceipt} holds no lock.
 */
public final class TxSender {
    /** Cap used where none is configured (setup): 500 gwei. */
    static final BigInteger DEFAULT_MAX_FEE_PER_GAS = BigInteger.valueOf(500_000_000_000L);

    private final Submitter submitter;
    private final FeeOracle fees;
    private final FeeBumper bumper;
    private final NonceGaps gaps;
    private final ReceiptWaiter receipts;
    private final Map<String, Tracked> submitted = new ConcurrentHashMap<>();
    private final Duration replaceAfter;

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
        this.submitter = new Submitter(web3j, credentials, chainId);
        this.fees = new FeeOracle(web3j);
        this.bumper = new FeeBumper(fees, submitter, maxFeePerGas, replaceAfter);
        this.gaps = new NonceGaps(submitter, fees, bumper, this::byNonce);
        this.receipts = new ReceiptWaiter(web3j, receiptPoll, receiptTimeout);
        this.replaceAfter = replaceAfter;
    }

    /** The sender's address (lowercase 0x-hex). */
    public String address() {
        return submitter.address();
    }

    /** Sends a call or transfer; returns the transaction hash once the node accepted it. */
    public String send(String to, String data, BigInteger value) throws ChainUnavailableException, TransactionRevertedException {
        return send(to, data, value, (hash, nonce) -> { });
    }

    /** As {@link #send(String, String, BigInteger)}; {@code beforeBroadcast} hears hash and nonce before it leaves. */
    public String send(String to, String data, BigInteger value, Treasury.Signed beforeBroadcast)
            throws ChainUnavailableException, TransactionRevertedException {
        BigInteger gas = fees.estimateGas(address(), to, data, value);
        FeeOracle.Fees fee = bumper.firstOffer();
        Submitter.Sent sent = submitter.submitNew(nonce -> RawTransaction.createTransaction(submitter.chainId(), nonce,
                gas, to == null ? "" : to, value, data, fee.priority(), fee.max()), beforeBroadcast);
        prune();
        submitted.put(sent.hash(), new Tracked(sent.tx(), sent.hash()));
        return sent.hash();
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

    /** Waits until the transaction (a re-broadcast or fee-bumped replacement of it) is mined. */
    public TransactionReceipt waitForReceipt(String hash) throws ChainUnavailableException {
        Tracked t = submitted.get(hash);
        if (t == null) {
            return receipts.await(hash);
        }
        long deadline = System.nanoTime() + receipts.timeout().toNanos();
        try {
            while (System.nanoTime() < deadline) {
                for (String h : t.hashes()) {
                    Optional<TransactionReceipt> receipt = receipts.fetch(h);
                    if (receipt.isPresent()) {
                        return receipt.get();
                    }
                }
                unstick(t);
                receipts.sleep();
            }
            throw new ChainUnavailableException("no receipt for " + hash + " within " + receipts.timeout());
        } finally {
            t.hashes().forEach(submitted::remove);
        }
    }

    /** Unmined for {@code replaceAfter}: fill a nonce gap at or below it, else re-price it. */
    private void unstick(Tracked t) throws ChainUnavailableException {
        if (t.gapCheckDue(replaceAfter.toNanos()) && gaps.fill(t) > 0) {
            return;
        }
        if (bumper.due(t)) {
            bumper.replace(t).ifPresent(h -> submitted.put(h, t));
        }
    }

    /** How often a stuck transaction was left at its fee because a bump would pass the cap. */
    public long feeCapHits() {
        return bumper.capHits();
    }

    private Optional<Tracked> byNonce(BigInteger nonce) {
        return submitted.values().stream().filter(t -> t.nonce().equals(nonce)).findFirst();
    }

    /** Forgets transactions nobody waited for (fire-and-forget sends) once they are well past the timeout. */
    private void prune() {
        long horizon = System.nanoTime() - 2 * receipts.timeout().toNanos();
        submitted.values().removeIf(t -> t.lastSubmitNanos() < horizon);
    }
}
