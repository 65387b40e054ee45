package org.blockhost.engine.opnet.internal;

import java.util.Optional;
import org.blockhost.engine.api.ChainRejectedException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.CredentialIssuer;

/**
 * The credential contract: reads at the confirmed height ({@code head − confirmations}), so a transfer a
 * shallow reorg removes again never counts. Mints and credential updates go through the write sidecar
 * ({@link SidecarWrites}; without a host key file they are "unavailable"). A mint first reads the chain at the
 * confirmed height and at the head, and is sent once per subscription until it shows ({@link PendingWrites}):
 * its token id is the one {@code tokenOfSubscription} reads after confirmation.
 */
final class OpnetCredentials implements CredentialIssuer {
    private final OpnetRpc rpc;
    private final OpnetReads reads;
    private final int confirmations;
    private final SidecarWrites writes;
    private final PendingWrites pending;

    OpnetCredentials(OpnetRpc rpc, OpnetReads reads, int confirmations, SidecarWrites writes, PendingWrites pending) {
        this.rpc = rpc;
        this.reads = reads;
        this.confirmations = confirmations;
        this.writes = writes;
        this.pending = pending;
    }

    private long confirmedHeight() throws ChainUnavailableException {
        return Math.max(0, rpc.blockNumber() - confirmations);
    }

    @Override
    public long mint(long subscriptionId, String owner, byte[] encryptedCredentials) throws ChainUnavailableException {
        long head = rpc.blockNumber();
        Optional<Long> existing = reads.tokenOfSubscription(subscriptionId, Math.max(0, head - confirmations));
        if (existing.isPresent()) {
            pending.done("mint:" + subscriptionId);
            return existing.get();
        }
        if (reads.tokenOfSubscription(subscriptionId, head).isPresent()) {
            throw new ChainUnavailableException("credential of subscription " + subscriptionId + " minted, waiting for "
                    + confirmations + " confirmation(s)");
        }
        Optional<String> sent = pending.pending("mint:" + subscriptionId);
        if (sent.isPresent()) {
            throw new ChainUnavailableException("credential mint sent in " + sent.get() + ", waiting for its block");
        }
        String txid = writer().mint(subscriptionId, OpnetAddressFormat.INSTANCE.normalise(owner), encryptedCredentials);
        pending.sent("mint:" + subscriptionId, txid);
        throw new ChainUnavailableException("credential mint sent in " + txid + ", waiting for its block");
    }

    /**
     * Sends {@code markDestroyed} once: a write sent within the hold time is not sent again, and the contract's
     * {@code AlreadyDestroyed} revert counts as done.
     */
    void markDestroyed(long subscriptionId) throws ChainUnavailableException {
        String key = "destroy:" + subscriptionId;
        if (pending.pending(key).isPresent()) {
            return;
        }
        try {
            pending.sent(key, writer().markDestroyed(subscriptionId));
        } catch (ChainRejectedException e) {
            if (!"AlreadyDestroyed".equals(e.reason())) {
                throw e;
            }
        }
    }

    private SidecarWrites writer() throws ChainUnavailableException {
        if (writes == null) {
            throw new ChainUnavailableException(HostTreasury.NO_WRITES);
        }
        return writes;
    }

    @Override
    public Optional<Long> tokenOfSubscription(long subscriptionId) throws ChainUnavailableException {
        return reads.tokenOfSubscription(subscriptionId, confirmedHeight());
    }

    @Override
    public void updateCredentials(long tokenId, byte[] encryptedCredentials) throws ChainUnavailableException {
        writer().updateCredentials(tokenId, encryptedCredentials);
    }

    @Override
    public String ownerOf(long tokenId) throws ChainUnavailableException {
        return reads.ownerOf(tokenId, confirmedHeight());
    }

    @Override
    public Optional<String> adminHolder() throws ChainUnavailableException {
        long height = confirmedHeight();
        Optional<Long> token = reads.tokenOfSubscription(0, height);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try { // the contract numbers tokens in mint order: the admin's is token 0 only when it was minted first
            return Optional.of(reads.ownerOf(token.get(), height));
        } catch (ChainRejectedException e) {
            throw new ChainUnavailableException("the admin credential (token " + token.get() + ") is minted but ownerOf"
                    + " reverted: " + e.reason());
        }
    }
}
