package org.blockhost.engine.opnet.internal;

import java.util.Locale;
import java.util.regex.Pattern;
import org.blockhost.engine.api.AddressFormat;

/**
 * OPNet account addresses as contracts see them ({@code Blockchain.tx.sender}): 32 bytes, the SHA-256
 * of the wallet's ML-DSA public key, written {@code 0x} + 64 hex digits (the SDK's
 * {@code Address.toHex()}). Canonical output is lowercase. The bech32m forms a wallet shows
 * ({@code bc1p…} Taproot of the Schnorr key, {@code op…}/{@code bc1s…} P2OP of hash160(address)) cannot
 * be turned back into this form and are refused with a message that says so.
 */
public final class OpnetAddressFormat implements AddressFormat {
    public static final OpnetAddressFormat INSTANCE = new OpnetAddressFormat();
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Pattern BECH32 = Pattern.compile("[a-zA-Z]{1,20}1[02-9ac-hj-np-zAC-HJ-NP-Z]{6,}");

    @Override
    public String pattern() {
        return ADDRESS.pattern();
    }

    @Override
    public String normalise(String address) {
        if (address == null) {
            throw new IllegalArgumentException("no address given");
        }
        if (ADDRESS.matcher(address).matches()) {
            return address.toLowerCase(Locale.ROOT);
        }
        if (BECH32.matcher(address).matches()) {
            throw new IllegalArgumentException("a bech32 (Taproot or P2OP) address does not name an OPNet account;"
                    + " give the 32-byte OPNet address (0x followed by 64 hex digits)");
        }
        throw new IllegalArgumentException("not an OPNet address (0x followed by 64 hex digits)");
    }

    /** The 32 address bytes of a valid address. */
    static byte[] bytes(String address) {
        return org.blockhost.crypto.api.Hex.decode(INSTANCE.normalise(address).substring(2));
    }
}
