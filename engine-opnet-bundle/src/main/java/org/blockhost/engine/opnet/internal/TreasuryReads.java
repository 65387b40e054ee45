package org.blockhost.engine.opnet.internal;

import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.Treasury.Balance;

/**
 * What the treasury reads from the chain by {@code btc_call}: the payout address at the head, and the payment
 * token (the subscriptions contract's {@code paymentToken()}) with a holder's OP20 balance and its decimals, all
 * three at one confirmed height (head − confirmations). Answers of the wrong length are "unavailable".
 */
final class TreasuryReads {
    private final OpnetRpc rpc;
    private final OpnetReads reads;
    private final int confirmations;

    TreasuryReads(OpnetRpc rpc, OpnetReads reads, int confirmations) {
        this.rpc = rpc;
        this.reads = reads;
        this.confirmations = confirmations;
    }

    String payoutAddress() throws ChainUnavailableException {
        return reads.payoutAddress(rpc.blockNumber());
    }

    /** The payment token's balance of {@code holder}; the asset is the token's contract address (what send takes). */
    Balance token(String holder) throws ChainUnavailableException {
        long height = Math.max(0, rpc.blockNumber() - confirmations);
        String token = reads.paymentToken(height);
        return new Balance(token, reads.tokenBalance(token, holder, height), reads.tokenDecimals(token, height));
    }

    /** The subscriptions contract's own balance of the payment token: what {@code withdraw()} pays out. */
    Balance collected() throws ChainUnavailableException {
        return token(reads.subscriptions());
    }
}
