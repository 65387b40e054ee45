package org.blockhost.engine.opnet.internal;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.Treasury;

/**
 * The host wallet: its configured OPNet address; its bitcoin balance, sends and the contract's withdrawal go
 * through the write sidecar, the payment token's balances are read by {@code btc_call} ({@link TreasuryReads}).
 * Without a host key file (no sidecar) the bitcoin balance and every write are "unavailable", never a made-up
 * value. Assets: {@code BTC} (satoshi, 8 decimals) or an OP20 token by its contract address.
 */
final class HostTreasury implements Treasury {
    static final String NO_WRITES = "OPNet transactions are not available (no host key file configured for the"
            + " write sidecar)";
    static final String BTC = "BTC";

    private final String hostAddress;
    private final SidecarWrites writes;
    private final TreasuryReads chain;

    HostTreasury(String hostAddress, SidecarWrites writes, TreasuryReads chain) {
        this.hostAddress = OpnetAddressFormat.INSTANCE.normalise(hostAddress);
        this.writes = writes;
        this.chain = chain;
    }

    @Override
    public String address() {
        return hostAddress;
    }

    @Override
    public List<Balance> balances() throws ChainUnavailableException {
        Balance btc = new Balance(BTC, writer().balanceSats(), 8);
        return List.of(btc, chain.token(hostAddress));
    }

    /** The payment token the subscriptions contract holds: what {@link #withdraw} pays to the payout address. */
    @Override
    public Balance collected() throws ChainUnavailableException {
        return chain.collected();
    }

    @Override
    public String send(String asset, String to, BigInteger amount) throws ChainUnavailableException {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        if (BTC.equalsIgnoreCase(asset)) {
            return writer().send("btc", to, amount);
        }
        String token = OpnetAddressFormat.INSTANCE.normalise(asset);
        return writer().send(token, OpnetAddressFormat.INSTANCE.normalise(to), amount);
    }

    @Override
    public String withdraw(String to) throws ChainUnavailableException {
        String target = payoutAddress();
        if (to != null && !to.isBlank() && !OpnetAddressFormat.INSTANCE.normalise(to).equals(target)) {
            throw new IllegalArgumentException("the contract pays withdrawals only to its payout address "
                    + target.toLowerCase(Locale.ROOT));
        }
        return writer().withdraw();
    }

    @Override
    public String payoutAddress() throws ChainUnavailableException {
        return chain.payoutAddress();
    }

    private SidecarWrites writer() throws ChainUnavailableException {
        if (writes == null) {
            throw new ChainUnavailableException(NO_WRITES);
        }
        return writes;
    }
}
