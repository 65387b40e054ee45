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

    /** One asset balance; {@code decimals} says where the point goes. */
    record Balance(String asset, BigInteger amount, int decimals) {
    }
}
