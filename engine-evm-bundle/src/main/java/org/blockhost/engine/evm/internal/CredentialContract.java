package org.blockhost.engine.evm.internal;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.blockhost.engine.api.ChainUnavailableException;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Typed access to the AccessCredential contract (reads by eth_call, writes through the sender). */
final class CredentialContract {
    static final String CREDENTIAL_MINTED = Abi.topic("CredentialMinted(uint256,uint256,address)");
    static final String ALREADY_MINTED = "AlreadyMinted(uint256,uint256)";
    static final String NONEXISTENT = "ERC721NonexistentToken(uint256)";

    private final String address;
    private final ChainCalls calls;
    private final String from;

    CredentialContract(String address, ChainCalls calls, String from) {
        this.address = address;
        this.calls = calls;
        this.from = from;
    }

    String address() {
        return address;
    }

    @SuppressWarnings("rawtypes")
    Optional<Long> tokenOfSubscription(long subscriptionId, DefaultBlockParameter block) throws ChainUnavailableException {
        List<Type> out = read(block, "tokenOfSubscription", List.of(new TypeReference<Bool>() { },
                new TypeReference<Uint256>() { }), new Uint256(subscriptionId));
        boolean minted = (Boolean) out.get(0).getValue();
        return minted ? Optional.of(((BigInteger) out.get(1).getValue()).longValueExact()) : Optional.empty();
    }

    /** The owner of a token at the end of {@code block}, empty when the token does not exist there. */
    Optional<String> ownerOf(long tokenId, long block) throws ChainUnavailableException {
        try {
            String result = calls.call(from, address, Abi.encode("ownerOf", new Uint256(tokenId)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(block)));
            return Optional.of((String) Abi.decode(result, new TypeReference<Address>() { }).get(0).getValue());
        } catch (TransactionRevertedException e) {
            if (e.is(NONEXISTENT)) {
                return Optional.empty();
            }
            throw new ChainUnavailableException("ownerOf(" + tokenId + ") reverted unexpectedly: " + e.data());
        }
    }

    static String mintData(String to, long subscriptionId, byte[] credentials) {
        return Abi.encode("mint", new Address(to), new Uint256(subscriptionId), new DynamicBytes(credentials));
    }

    static String updateData(long tokenId, byte[] credentials) {
        return Abi.encode("updateCredentials", new Uint256(tokenId), new DynamicBytes(credentials));
    }

    /** The token id from the receipt's CredentialMinted event for the subscription. */
    Optional<Long> mintedToken(TransactionReceipt receipt, long subscriptionId) {
        String subscriptionTopic = String.format("0x%064x", subscriptionId);
        for (Log log : receipt.getLogs()) {
            List<String> topics = log.getTopics();
            if (address.equalsIgnoreCase(log.getAddress()) && topics.size() == 4
                    && CREDENTIAL_MINTED.equals(topics.get(0)) && subscriptionTopic.equals(topics.get(2))) {
                return Optional.of(new BigInteger(topics.get(1).substring(2), 16).longValueExact());
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("rawtypes")
    private List<Type> read(DefaultBlockParameter block, String name, List<TypeReference<?>> outputs, Type<?>... args)
            throws ChainUnavailableException {
        try {
            String result = calls.call(from, address, Abi.encode(name, args), block);
            return Abi.decode(result, outputs.toArray(new TypeReference<?>[0]));
        } catch (TransactionRevertedException e) {
            throw new ChainUnavailableException(name + " reverted unexpectedly: " + e.data());
        }
    }
}
