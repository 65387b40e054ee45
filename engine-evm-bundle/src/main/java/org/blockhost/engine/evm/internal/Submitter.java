package org.blockhost.engine.evm.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Locale;
import java.util.function.Function;
import org.blockhost.crypto.api.Eip55;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.Treasury;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.utils.Numeric;

/**
 * Signs and submits the host key's transactions and keeps the local nonce counter. Everything
 * runs under one lock, so parallel senders get contiguous nonces in submission order. After an I/O
 * error or a nonce complaint the next new transaction re-reads the pending nonce from the node.
 */
final class Submitter {
    private static final Logger LOG = LoggerFactory.getLogger(Submitter.class);

    private final Web3j web3j;
    private final Credentials credentials;
    private final long chainId;
    private final Object lock = new Object();
    private BigInteger nextNonce;

    Submitter(Web3j web3j, Credentials credentials, long chainId) {
        this.web3j = web3j;
        this.credentials = credentials;
        this.chainId = chainId;
    }

    String address() {
        return credentials.getAddress();
    }

    long chainId() {
        return chainId;
    }

    /** What the operator reads when the host wallet cannot pay a transaction's gas (nothing was sent). */
    String unfunded() {
        return "the host wallet " + Eip55.checksum(address()) + " has too little of the chain's native currency to pay"
                + " for this transaction's gas: send it some; the transaction is tried again";
    }

    /** A signed transaction and its hash. */
    record Sent(RawTransaction tx, String hash) {
    }

    /** Builds a transaction for the next nonce, submits it and advances the counter. */
    Sent submitNew(Function<BigInteger, RawTransaction> build) throws ChainUnavailableException {
        return submitNew(build, (hash, nonce) -> { });
    }

    /**
     * As {@link #submitNew(Function)}; {@code beforeBroadcast} hears the signed transaction's hash
     * and nonce first, and when it throws nothing is submitted and the nonce stays free.
     */
    Sent submitNew(Function<BigInteger, RawTransaction> build, Treasury.Signed beforeBroadcast)
            throws ChainUnavailableException {
        synchronized (lock) {
            BigInteger nonce = nextNonce();
            RawTransaction tx = build.apply(nonce);
            String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, credentials));
            try {
                beforeBroadcast.signed(Hash.sha3(raw), nonce.longValueExact());
            } catch (Exception e) {
                throw new IllegalStateException("not sent: the transaction could not be recorded first", e);
            }
            String hash = submitRaw(raw);
            nextNonce = nonce.add(BigInteger.ONE);
            return new Sent(tx, hash);
        }
    }

    /** Submits a transaction with a nonce already taken (a replacement or a re-broadcast). */
    String resubmit(RawTransaction tx) throws ChainUnavailableException {
        synchronized (lock) {
            return submit(tx);
        }
    }

    /** The first nonce the node has no executable transaction for (its {@code pending} count). */
    BigInteger pendingNonce() throws ChainUnavailableException {
        try {
            return web3j.ethGetTransactionCount(address(), DefaultBlockParameterName.PENDING).send().getTransactionCount();
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("cannot read the host key's nonce", e);
        }
    }

    private BigInteger nextNonce() throws ChainUnavailableException {
        if (nextNonce == null) {
            nextNonce = pendingNonce();
        }
        return nextNonce;
    }

    private String submit(RawTransaction tx) throws ChainUnavailableException {
        return submitRaw(Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, credentials)));
    }

    private String submitRaw(String raw) throws ChainUnavailableException {
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
            if (message != null && message.toLowerCase(Locale.ROOT).contains("insufficient funds")) {
                throw new ChainUnavailableException(unfunded());
            }
            throw new ChainUnavailableException("node rejected the transaction: " + message);
        }
        return sent.getTransactionHash();
    }
}
