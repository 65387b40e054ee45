package org.blockhost.engine.evm.internal;

import org.blockhost.crypto.api.Eip55;
import org.blockhost.engine.api.AddressFormat;

/** EVM addresses: 0x + 40 hex; output EIP-55; mixed-case input must carry a correct checksum. */
public final class EvmAddressFormat implements AddressFormat {
    public static final EvmAddressFormat INSTANCE = new EvmAddressFormat();

    @Override
    public String pattern() {
        return "0x[0-9a-fA-F]{40}";
    }

    @Override
    public String normalise(String address) {
        if (address == null || !address.matches(pattern())) {
            throw new IllegalArgumentException("not an EVM address (0x followed by 40 hex digits)");
        }
        if (!Eip55.isValid(address)) {
            throw new IllegalArgumentException("EIP-55 checksum mismatch");
        }
        return Eip55.checksum(address);
    }
}
