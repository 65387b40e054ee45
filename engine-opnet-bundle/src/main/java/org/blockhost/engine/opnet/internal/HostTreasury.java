package org.blockhost.engine.opnet.internal;

import java.math.BigInteger;
import java.util.List;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.Treasury;

/**
 * The host wallet until the transaction sidecar exists (README, "Not done yet"): its configured address;
 * balances, sends and withdrawals answer {@link ChainUnavailableException} ("unknown, retry later"), never a
 * made-up value.
 */
final class HostTreasury implements Treasury {
    static final String NO_WRITES = "OPNet transactions are not available yet (no transaction sidecar in this"
            + " engine version)";

    private final String hostAddress;

    HostTreasury(String hostAddress) {
        this.hostAddress = OpnetAddressFormat.INSTANCE.normalise(hostAddress);
    }

    @Override
    public String address() {
        return hostAddress;
    }

    @Override
    public List<Balance> balances() throws ChainUnavailableException {
        throw new ChainUnavailableException(NO_WRITES);
    }

    @Override
    public String send(String asset, String to, BigInteger amount) throws ChainUnavailableException {
        throw new ChainUnavailableException(NO_WRITES);
    }

    @Override
    public String withdraw(String to) throws ChainUnavailableException {
        throw new ChainUnavailableException(NO_WRITES);
    }
}
