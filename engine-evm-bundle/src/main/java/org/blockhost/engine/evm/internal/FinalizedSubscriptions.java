package org.blockhost.engine.evm.internal;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.blockhost.crypto.api.Eip55;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.SubscriptionRecord;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.DefaultBlockParameter;

/**
 * Reads {@code getSubscription(id)} at the final block ({@link Finality}): the chain's own view
 * that core compares with its store before destroying. A {@code SubscriptionNotFound} revert is
 * "no such subscription"; anything else that is not a clean answer (no code at that block, a
 * short result, another revert) is a {@link ChainUnavailableException}.
 */
final class FinalizedSubscriptions {
    static final String NOT_FOUND = "SubscriptionNotFound(uint256)";

    private final ChainCalls calls;
    private final Finality finality;
    private final String contract;
    private final String from;

    FinalizedSubscriptions(ChainCalls calls, Finality finality, String contract, String from) {
        this.calls = calls;
        this.finality = finality;
        this.contract = contract;
        this.from = from;
    }

    @SuppressWarnings("rawtypes")
    Optional<SubscriptionRecord> read(long subscriptionId) throws ChainUnavailableException {
        if (subscriptionId <= 0) {
            return Optional.empty();
        }
        long block = finality.number();
        String result;
        try {
            result = calls.call(from, contract, Abi.encode("getSubscription", new Uint256(subscriptionId)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(block)));
        } catch (TransactionRevertedException e) {
            if (e.is(NOT_FOUND)) {
                return Optional.empty();
            }
            throw new ChainUnavailableException("getSubscription(" + subscriptionId + ") reverted: " + e.data());
        }
        try {
            List<Type> v = Abi.decode(result, new TypeReference<Uint256>() { }, new TypeReference<Address>() { },
                    new TypeReference<Uint64>() { }, new TypeReference<Bool>() { });
            return Optional.of(new SubscriptionRecord(subscriptionId, Eip55.checksum((String) v.get(1).getValue()),
                    ((BigInteger) v.get(0).getValue()).longValueExact(),
                    Instant.ofEpochSecond(((BigInteger) v.get(2).getValue()).longValueExact()),
                    (Boolean) v.get(3).getValue(), block));
        } catch (RuntimeException e) {
            throw new ChainUnavailableException("getSubscription(" + subscriptionId + ") at block " + block
                    + " gave no valid answer (contract not deployed there?)", e);
        }
    }
}
