package org.blockhost.engine.api;

import java.math.BigInteger;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The host wallet's funds. Amounts are integers in the asset's smallest unit.
 * Sends and withdrawals return the transaction id once it is accepted by the node.
 */
@ConsumerType
public interface Treasury {

    /** The host wallet's address. */
    String address();

    /** Balances of the native coin and the payment tokens. */
    List<Balance> balances() throws ChainUnavailableException;

    /** Sends {@code amount} of {@code asset} (a symbol from {@link #balances}) to {@code to}. */
    String send(String asset, String to, BigInteger amount) throws ChainUnavailableException;

    /** Moves the subscription contract's collected payments to {@code to}. */
    String withdraw(String to) throws ChainUnavailableException;

    /**
     * Where {@link #withdraw} pays: the address the contract sends collected payments to.
     * Default: unknown (the engine cannot tell), reported as {@link ChainUnavailableException}.
     */
    default String payoutAddress() throws ChainUnavailableException {
        throw new ChainUnavailableException("this engine cannot tell its payout address");
    }

    /**
     * The state of a transaction this wallet sent ({@link #send}, {@link #withdraw}).
     * Default: always {@link TxState.State#UNKNOWN}.
     */
    default TxState transaction(String hash) throws ChainUnavailableException {
        return new TxState(hash, TxState.State.UNKNOWN, 0);
    }

    /**
     * As {@link #send(String, String, BigInteger)}, but the signed transaction's hash and nonce are
     * handed to {@code beforeBroadcast} before the transaction leaves the host: when it throws,
     * nothing is sent. A caller that records them first can tell after a crash whether a payment
     * went out (engine API 1.6). Default: refused, this engine cannot do it.
     */
    default String send(String asset, String to, BigInteger amount, Signed beforeBroadcast)
            throws ChainUnavailableException {
        throw new ChainUnavailableException("this engine cannot report a transaction before sending it");
    }

    /** Told a signed transaction's hash and nonce before it is broadcast. */
    @FunctionalInterface
    interface Signed {
        void signed(String hash, long nonce) throws Exception;
    }

    /** How many transactions of the host wallet are mined (the nonce of the next one once all are). */
    default long minedNonce() throws ChainUnavailableException {
        throw new ChainUnavailableException("this engine cannot tell the host wallet's nonce");
    }

    /** The payment token the contract collected and {@link #withdraw} would move now. Default: unknown. */
    default Balance collected() throws ChainUnavailableException {
        throw new ChainUnavailableException("this engine cannot tell what the contract collected");
    }

    /**
     * The address a role stands for: {@code host}, {@code admin}, {@code payout} or a role of the
     * engine's address book (engine API 1.6).
     *
     * @throws IllegalArgumentException an unknown role, naming the known ones
     */
    default String roleAddress(String role) throws ChainUnavailableException {
        throw new IllegalArgumentException("this engine has no address book");
    }

    /**
     * Payments the contract received per UTC day, the last {@code days} days ending today (days
     * without payments as zero), oldest first. Default: none (the engine cannot tell).
     */
    default List<DailyAmount> revenue(int days) throws ChainUnavailableException {
        return List.of();
    }

    /** An amount of {@code asset} received on one UTC day, in its smallest unit. */
    record DailyAmount(java.time.LocalDate day, String asset, BigInteger amount, int decimals) {
    }

    /** A transaction's state; {@code confirmations} counts the block that includes it (0 while pending). */
    record TxState(String hash, State state, long confirmations) {
        /** Where a transaction stands. */
        public enum State {
            /** Not in a block yet. */
            PENDING,
            /** In a block and succeeded. */
            CONFIRMED,
            /** In a block and reverted. */
            FAILED,
            /** The node does not know it (dropped, or never sent by this wallet). */
            UNKNOWN
        }
    }

    /** One asset balance; {@code decimals} says where the point goes. */
    record Balance(String asset, BigInteger amount, int decimals) {

        /**
         * A positive amount typed in this asset's unit ({@code 0.05}) in its smallest unit.
         *
         * @throws IllegalArgumentException not a plain decimal, not positive, or more decimals than the asset has
         */
        public BigInteger amountOf(String text) {
            if (text == null || !text.trim().matches("[0-9]{1,30}(\\.[0-9]{1,36})?")) {
                throw new IllegalArgumentException("An amount is a plain decimal number such as 0.05.");
            }
            java.math.BigDecimal value = new java.math.BigDecimal(text.trim());
            if (value.signum() <= 0 || value.stripTrailingZeros().scale() > decimals) {
                throw new IllegalArgumentException("An amount of " + asset + " is positive with at most " + decimals
                        + " decimals.");
            }
            return value.movePointRight(decimals).toBigIntegerExact();
        }
    }
}
