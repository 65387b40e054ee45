package org.blockhost.demo;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Small ABI helpers over web3j's encoder for the few contract functions the client uses. */
final class Abi {
    static final TypeReference<Uint256> UINT = new TypeReference<>() { };
    static final TypeReference<Address> ADDRESS = new TypeReference<>() { };

    private Abi() {
    }

    @SuppressWarnings("rawtypes")
    static Function fn(String name, List<? extends Type> inputs, List<TypeReference<?>> outputs) {
        return new Function(name, List.<Type>copyOf(inputs), outputs);
    }

    static Uint256 uint(long value) {
        return new Uint256(value);
    }

    static Address address(org.blockhost.crypto.api.Address address) {
        return new Address(address.toChecksumString());
    }

    static Address address(String address) {
        return new Address(address);
    }

    /** The first output as a uint. */
    @SuppressWarnings("rawtypes")
    static BigInteger uint(List<Type> outputs) {
        return (BigInteger) outputs.get(0).getValue();
    }

    /** An address output in EIP-55 form. */
    @SuppressWarnings("rawtypes")
    static String address(Type value) {
        return org.blockhost.crypto.api.Address.parse((String) value.getValue()).toChecksumString();
    }

    static long topicUint(String topic) {
        return new BigInteger(topic.substring(2), 16).longValueExact();
    }

    /** The one log of {@code event} emitted by {@code emitter} in the receipt. */
    static Log single(TransactionReceipt receipt, String emitter, Event event) {
        String topic0 = EventEncoder.encode(event);
        List<Log> logs = receipt.getLogs().stream()
                .filter(l -> l.getAddress().equalsIgnoreCase(emitter) && !l.getTopics().isEmpty()
                        && l.getTopics().get(0).equals(topic0))
                .toList();
        if (logs.size() != 1) {
            throw new DemoException("transaction " + receipt.getTransactionHash() + " has " + logs.size() + " "
                    + event.getName() + " events from " + emitter + ", expected 1");
        }
        return logs.get(0);
    }
}
