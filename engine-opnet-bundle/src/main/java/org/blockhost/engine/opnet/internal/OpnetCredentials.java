package org.blockhost.engine.opnet.internal;

import java.util.Optional;
import org.blockhost.engine.api.ChainRejectedException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.CredentialIssuer;

/**
 * The credential contract: reads at the confirmed height ({@code head − confirmations}), so a transfer a
 * shallow reorg removes again never counts; mints and credential updates need the transaction sidecar and
 * answer {@link ChainUnavailableException} until it exists.
 */
final class OpnetCredentials implements CredentialIssuer {
    private final OpnetRpc rpc;
    private final OpnetReads reads;
    private final int confirmations;

    OpnetCredentials(OpnetRpc rpc, OpnetReads reads, int confirmations) {
        this.rpc = rpc;
        this.reads = reads;
        this.confirmations = confirmations;
    }

    private long confirmedHeight() throws ChainUnavailableException {
        return Math.max(0, rpc.blockNumber() - confirmations);
    }

    @Override
    public long mint(long subscriptionId, String owner, byte[] encryptedCredentials) throws ChainUnavailableException {
        Optional<Long> existing = tokenOfSubscription(subscriptionId);
        if (existing.isPresent()) {
            return existing.get();
        }
        throw new ChainUnavailableException(HostTreasury.NO_WRITES);
    }

    @Override
    public Optional<Long> tokenOfSubscription(long subscriptionId) throws ChainUnavailableException {
        return reads.tokenOfSubscription(subscriptionId, confirmedHeight());
    }

    @Override
    public void updateCredentials(long tokenId, byte[] encryptedCredentials) throws ChainUnavailableException {
        throw new ChainUnavailableException(HostTreasury.NO_WRITES);
    }

    @Override
    public String ownerOf(long tokenId) throws ChainUnavailableException {
        return reads.ownerOf(tokenId, confirmedHeight());
    }

    @Override
    public Optional<String> adminHolder() throws ChainUnavailableException {
        long height = confirmedHeight();
        if (reads.tokenOfSubscription(0, height).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(reads.ownerOf(0, height));
        } catch (ChainRejectedException e) {
            throw new ChainUnavailableException("token 0 is minted but ownerOf(0) reverted: " + e.reason());
        }
    }
}
