package org.blockhost.engine.opnet.internal;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.CredentialIssuer;
import org.blockhost.engine.api.Treasury;

/**
 * The credential and treasury side of the OPNet engine until the contracts and the transaction sidecar
 * exist (README, "Not done yet"): every chain call answers {@link ChainUnavailableException}, which core
 * treats as "unknown, retry later" (a subscription is parked after its retry budget, never acted on
 * wrongly). Only the configured host address is known.
 */
final class NotYetWritable implements CredentialIssuer, Treasury {
    static final String REASON = "OPNet credential contract calls and transactions are not available yet"
            + " (no contracts and no transaction sidecar in this engine version)";

    private final String hostAddress;

    NotYetWritable(String hostAddress) {
        this.hostAddress = OpnetAddressFormat.INSTANCE.normalise(hostAddress);
    }

    @Override
    public long mint(long subscriptionId, String owner, byte[] encryptedCredentials) throws ChainUnavailableException {
        throw new ChainUnavailableException(REASON);
    }

    @Override
    public Optional<Long> tokenOfSubscription(long subscriptionId) throws ChainUnavailableException {
        throw new ChainUnavailableException(REASON);
    }

    @Override
    public void updateCredentials(long tokenId, byte[] encryptedCredentials) throws ChainUnavailableException {
        throw new ChainUnavailableException(REASON);
    }

    @Override
    public String ownerOf(long tokenId) throws ChainUnavailableException {
        throw new ChainUnavailableException(REASON);
    }

    @Override
    public Optional<String> adminHolder() throws ChainUnavailableException {
        throw new ChainUnavailableException(REASON);
    }

    @Override
    public String address() {
        return hostAddress;
    }

    @Override
    public List<Balance> balances() throws ChainUnavailableException {
        throw new ChainUnavailableException(REASON);
    }

    @Override
    public String send(String asset, String to, BigInteger amount) throws ChainUnavailableException {
        throw new ChainUnavailableException(REASON);
    }

    @Override
    public String withdraw(String to) throws ChainUnavailableException {
        throw new ChainUnavailableException(REASON);
    }
}
