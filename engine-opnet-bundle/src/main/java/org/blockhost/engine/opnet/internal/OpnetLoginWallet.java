package org.blockhost.engine.opnet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.security.MessageDigest;
import java.util.Locale;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.ChainUnavailableException;

/**
 * The Taproot address an OPNet owner logs in to a VM with (pam_web3 checks Schnorr signatures against
 * the Taproot output key in the GECOS; the chain names owners by the SHA-256 of their ML-DSA key, which
 * carries no Schnorr key). Asked of the node with {@code btc_publicKeyInfo [[address]]} (the SDK's
 * {@code getPublicKeysInfoRaw}); the answer is keyed by the address with or without {@code 0x} and, once
 * the node has seen the wallet's ML-DSA key linked to its Bitcoin key, holds {@code tweakedPubkey} and
 * {@code p2tr}. Nothing is guessed: an address the node does not know (an {@code error} entry, no entry,
 * or no Taproot key yet) is "not known yet" ({@link ChainUnavailableException}, retried), and so is an
 * answer that does not hold together: {@code p2tr} must be the bech32m encoding of {@code tweakedPubkey},
 * {@code mldsaHashedPublicKey} the address asked for, the ML-DSA key (when given) must hash to it and the
 * original key (when given) must tweak (BIP-341) to {@code tweakedPubkey}.
 */
final class OpnetLoginWallet {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METHOD = "btc_publicKeyInfo";

    private final OpnetRpc rpc;

    OpnetLoginWallet(OpnetRpc rpc) {
        this.rpc = rpc;
    }

    /** The lowercase Taproot address of the OPNet account {@code owner} ({@code 0x} + 64 hex). */
    String taprootOf(String owner) throws ChainUnavailableException {
        String address = OpnetAddressFormat.INSTANCE.normalise(owner);
        ArrayNode params = JSON.createArrayNode();
        params.addArray().add(address);
        JsonNode result = rpc.call(METHOD, params);
        if (result == null || !result.isObject()) {
            throw new ChainUnavailableException(METHOD + ": answer is not an object");
        }
        JsonNode info = result.has(address) ? result.get(address) : result.path(address.substring(2));
        if (!info.isObject() || info.has("error") || !info.hasNonNull("tweakedPubkey") || !info.hasNonNull("p2tr")) {
            throw new ChainUnavailableException("the OPNet node does not know the Bitcoin key of " + address
                    + " yet (it learns it from the wallet's first OPNet transaction): retried later");
        }
        try {
            return checked(address, info);
        } catch (IllegalArgumentException e) {
            throw new ChainUnavailableException(METHOD + ": the node's answer for " + address + " does not hold together ("
                    + e.getMessage() + "): not used");
        }
    }

    private static String checked(String address, JsonNode info) {
        byte[] tweaked = TaprootTweak.xOnly(hex(info, "tweakedPubkey"));
        String p2tr = info.get("p2tr").asText();
        String taproot = TaprootAddress.encode(TaprootAddress.prefixOf(p2tr), tweaked);
        boolean oneCase = p2tr.equals(p2tr.toLowerCase(Locale.ROOT)) || p2tr.equals(p2tr.toUpperCase(Locale.ROOT));
        if (!oneCase || !taproot.equals(p2tr.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("p2tr is not the address of tweakedPubkey");
        }
        byte[] expected = Hex.decode(address.substring(2));
        if (info.hasNonNull("mldsaHashedPublicKey") && !MessageDigest.isEqual(expected, hex(info, "mldsaHashedPublicKey"))) {
            throw new IllegalArgumentException("mldsaHashedPublicKey is another address");
        }
        if (info.hasNonNull("mldsaPublicKey") && !MessageDigest.isEqual(expected, TaprootTweak.sha256(hex(info, "mldsaPublicKey")))) {
            throw new IllegalArgumentException("the ML-DSA key does not hash to the address");
        }
        if (info.hasNonNull("originalPubKey")
                && !MessageDigest.isEqual(tweaked, TaprootTweak.outputKey(hex(info, "originalPubKey"), new byte[0]))) {
            throw new IllegalArgumentException("originalPubKey does not tweak to tweakedPubkey");
        }
        return taproot;
    }

    private static byte[] hex(JsonNode info, String field) {
        JsonNode node = info.get(field);
        String text = node.isTextual() ? node.asText() : "";
        if (text.startsWith("0x")) {
            text = text.substring(2);
        }
        if (text.isEmpty() || text.length() % 2 != 0 || !text.matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException(field + " is not hex");
        }
        return Hex.decode(text);
    }
}
