package org.blockhost.engine.evm.internal;

import java.util.Arrays;
import java.util.List;
import org.blockhost.crypto.api.Hex;
import org.blockhost.crypto.api.Keccak;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;

/** Small helpers over web3j's ABI codec. */
public final class Abi {
    private Abi() {
    }

    /** Encodes a call to {@code name} with the given arguments (no outputs needed for encoding). */
    public static String encode(String name, Type<?>... args) {
        return FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
    }

    /** Decodes a call's return data. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static List<Type> decode(String data, TypeReference<?>... outputs) {
        List refs = Arrays.asList(outputs);
        return FunctionReturnDecoder.decode(data, refs);
    }

    /** The 4-byte selector of a function or error signature, as 0x-hex. */
    public static String selector(String signature) {
        return "0x" + Hex.encode(Arrays.copyOf(Keccak.hash256(signature), 4));
    }

    /** The topic (keccak-256) of an event signature, as 0x-hex. */
    public static String topic(String signature) {
        return "0x" + Hex.encode(Keccak.hash256(signature));
    }
}
