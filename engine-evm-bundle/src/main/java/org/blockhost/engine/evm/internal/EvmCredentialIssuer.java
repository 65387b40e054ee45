package org.blockhost.engine.evm.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.blockhost.engine.api.AddressFormat;
import org.blockhost.engine.api.ChainRejectedException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.CredentialIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Mints access credentials idempotently per subscription id. Before sending, the mapping is read
 * at {@code latest} and at {@code pending}: a mint already mined returns its token, a mint still
 * pending (for example sent by a previous run that crashed before the receipt) is waited for, and
 * only otherwise a new mint goes out. The contract itself refuses a second mint for a
 * subscription, so a race ends in a revert followed by a re-read, never in two tokens. Any other
 * revert of the gas estimate (e.g. {@code NotSubscriber}) is a {@link ChainRejectedException} naming
 * the contract's custom error: nothing was sent and resending would get the same answer.
 */
public final class EvmCredentialIssuer implements CredentialIssuer {
    private static final Logger LOG = LoggerFactory.getLogger(EvmCredentialIssuer.class);

    private final CredentialContract contract;
    private final ChainCalls calls;
    private final TxSender sender;
    private final AddressFormat format;
    private final PendingWait pending;
    private final AdminHolderCache adminHolder;
    private final ConcurrentMap<Long, Object> locks = new ConcurrentHashMap<>();
    private volatile int confirmations;

    public EvmCredentialIssuer(String contractAddress, ChainCalls calls, TxSender sender, AddressFormat format,
            Duration pendingPoll, Duration pendingTimeout) {
        this.contract = new CredentialContract(contractAddress, calls, sender.address());
        this.calls = calls;
        this.sender = sender;
        this.format = format;
        this.pending = new PendingWait(pendingPoll, pendingTimeout);
        this.adminHolder = new AdminHolderCache(() -> ownerAt(0, confirmedBlock()), Duration.ofSeconds(30));
    }

    /**
     * Owners ({@link #ownerOf}, {@link #adminHolder}) are read at head − {@code confirmations}, so a
     * transfer that a shallow reorg removes again never counts. Default 0 (the head block).
     */
    EvmCredentialIssuer readingOwnersAt(int blocksBelowHead) {
        this.confirmations = blocksBelowHead;
        return this;
    }

    @Override
    public long mint(long subscriptionId, String owner, byte[] encryptedCredentials) throws ChainUnavailableException {
        String to = format.normalise(owner);
        synchronized (locks.computeIfAbsent(subscriptionId, id -> new Object())) {
            Optional<Long> existing = contract.tokenOfSubscription(subscriptionId, DefaultBlockParameterName.LATEST);
            if (existing.isPresent()) {
                return existing.get();
            }
            if (contract.tokenOfSubscription(subscriptionId, DefaultBlockParameterName.PENDING).isPresent()) {
                return awaitMined(subscriptionId);
            }
            return send(subscriptionId, to, encryptedCredentials);
        }
    }

    private long send(long subscriptionId, String to, byte[] credentials) throws ChainUnavailableException {
        TransactionReceipt receipt;
        try {
            receipt = sender.waitForReceipt(sender.send(contract.address(),
                    CredentialContract.mintData(to, subscriptionId, credentials), java.math.BigInteger.ZERO));
        } catch (TransactionRevertedException e) {
            if (e.is(CredentialContract.ALREADY_MINTED)) {
                return awaitMined(subscriptionId);
            }
            LOG.warn("mint for subscription {} rejected by the contract: {}", subscriptionId, e.reason());
            throw new ChainRejectedException("mint for subscription " + subscriptionId + " rejected by the contract",
                    e.reason());
        }
        Optional<Long> token = contract.mintedToken(receipt, subscriptionId);
        if (token.isPresent()) {
            LOG.info("minted credential {} for subscription {} in {}", token.get(), subscriptionId,
                    receipt.getTransactionHash());
            return token.get();
        }
        // reverted on chain (someone else's mint won the race): the mapping is authoritative
        return awaitMined(subscriptionId);
    }

    private long awaitMined(long subscriptionId) throws ChainUnavailableException {
        return pending.await(() -> contract.tokenOfSubscription(subscriptionId, DefaultBlockParameterName.LATEST),
                "the mint for subscription " + subscriptionId);
    }

    @Override
    public Optional<Long> tokenOfSubscription(long subscriptionId) throws ChainUnavailableException {
        return contract.tokenOfSubscription(subscriptionId, DefaultBlockParameterName.LATEST);
    }

    @Override
    public void updateCredentials(long tokenId, byte[] encryptedCredentials) throws ChainUnavailableException {
        try {
            sender.sendAndWait(contract.address(), CredentialContract.updateData(tokenId, encryptedCredentials));
        } catch (TransactionRevertedException e) {
            throw new ChainRejectedException("updateCredentials(" + tokenId + ") rejected by the contract", e.reason());
        }
    }

    /** The owner of a token at the confirmed block (head − confirmations), never at {@code latest}. */
    @Override
    public String ownerOf(long tokenId) throws ChainUnavailableException {
        long block = confirmedBlock();
        return ownerAt(tokenId, block).orElseThrow(() -> new ChainUnavailableException("token " + tokenId
                + " does not exist at block " + block));
    }

    /** The admin credential's holder at the end of {@code block} (the admin command scan's check). */
    Optional<String> ownerAt(long block) throws ChainUnavailableException {
        return ownerAt(0, block);
    }

    private Optional<String> ownerAt(long tokenId, long block) throws ChainUnavailableException {
        return contract.ownerOf(tokenId, block).map(format::normalise);
    }

    private long confirmedBlock() throws ChainUnavailableException {
        return Math.max(0, calls.headNumber() - confirmations);
    }

    @Override
    public Optional<String> adminHolder() throws ChainUnavailableException {
        return adminHolder.get();
    }
}
