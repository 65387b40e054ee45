package org.blockhost.engine.evm.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.blockhost.engine.api.ChainUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Records on chain that a subscription's VM was destroyed ({@code markDestroyed}, operator only), so
 * that the contract refuses to take money for renewing it. Idempotent like the credential issuer:
 * already destroyed at {@code latest} → nothing sent; destroyed at {@code pending} (a transaction of
 * an earlier call still in the pool) → waited for; otherwise one transaction through the engine's
 * nonce-managed sender. A subscription the chain does not know (a purchase a reorg removed) has
 * nothing to record.
 */
final class SubscriptionDestroyer {
    static final String IS_DESTROYED = "SubscriptionIsDestroyed(uint256)";
    static final String NOT_FOUND = "SubscriptionNotFound(uint256)";
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionDestroyer.class);

    private final String subscriptions;
    private final ChainCalls calls;
    private final TxSender sender;
    private final PendingWait pending;
    private final ConcurrentMap<Long, Object> locks = new ConcurrentHashMap<>();

    SubscriptionDestroyer(String subscriptions, ChainCalls calls, TxSender sender, Duration poll, Duration timeout) {
        this.subscriptions = subscriptions;
        this.calls = calls;
        this.sender = sender;
        this.pending = new PendingWait(poll, timeout);
    }

    void markDestroyed(long subscriptionId) throws ChainUnavailableException {
        synchronized (locks.computeIfAbsent(subscriptionId, id -> new Object())) {
            Optional<Boolean> latest = destroyed(subscriptionId, DefaultBlockParameterName.LATEST);
            if (latest.isEmpty() || latest.get()) {
                return;
            }
            if (destroyed(subscriptionId, DefaultBlockParameterName.PENDING).orElse(false)) {
                awaitDestroyed(subscriptionId);
                return;
            }
            send(subscriptionId);
        }
    }

    private void send(long subscriptionId) throws ChainUnavailableException {
        try {
            sender.sendAndWait(subscriptions, Abi.encode("markDestroyed", new Uint256(subscriptionId)));
            LOG.info("subscription {} marked destroyed on chain", subscriptionId);
        } catch (TransactionRevertedException e) {
            // lost a race with another mark, or the id vanished in a reorg: then nothing is left to do
            boolean done = e.is(IS_DESTROYED) || destroyed(subscriptionId, DefaultBlockParameterName.LATEST).orElse(true);
            if (!done) {
                throw new ChainUnavailableException("markDestroyed(" + subscriptionId + ") rejected (is the host key"
                        + " the contract's operator?): " + e.data());
            }
        }
    }

    private void awaitDestroyed(long subscriptionId) throws ChainUnavailableException {
        pending.await(() -> destroyed(subscriptionId, DefaultBlockParameterName.LATEST).filter(Boolean::booleanValue),
                "markDestroyed(" + subscriptionId + ")");
    }

    /** Whether the subscription is marked destroyed at {@code block}; empty when the chain has no such id. */
    private Optional<Boolean> destroyed(long subscriptionId, DefaultBlockParameter block)
            throws ChainUnavailableException {
        try {
            String result = calls.call(sender.address(), subscriptions,
                    Abi.encode("isDestroyed", new Uint256(subscriptionId)), block);
            return Optional.of((Boolean) Abi.decode(result, new TypeReference<Bool>() { }).get(0).getValue());
        } catch (TransactionRevertedException e) {
            if (e.is(NOT_FOUND)) {
                LOG.warn("subscription {} does not exist on chain: nothing to mark destroyed", subscriptionId);
                return Optional.empty();
            }
            throw new ChainUnavailableException("isDestroyed(" + subscriptionId + ") reverted: " + e.data());
        } catch (IndexOutOfBoundsException e) {
            throw new ChainUnavailableException("isDestroyed(" + subscriptionId + ") returned garbage", e);
        }
    }
}
