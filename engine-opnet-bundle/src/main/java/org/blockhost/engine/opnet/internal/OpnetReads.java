package org.blockhost.engine.opnet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.ChainRejectedException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.SubscriptionRecord;

/**
 * Read-only contract calls ({@code btc_call [to, calldata hex, from, fromLegacy, height]}, the SDK's
 * {@code AbstractRpcProvider.call}) at a given height. Calldata is the selector, the first 4 bytes of
 * SHA-256 of the method signature (the SDK's {@code ABICoder.encodeSelector}), then big-endian u256
 * arguments. Return layouts of our contracts (big-endian):
 *
 * <pre>
 *   subscriptions getSubscription(uint256)     u256 planId ‖ address subscriber ‖ u64 expiresAt ‖ bool cancelled = 73 B (planId 0: none)
 *   credential    tokenOfSubscription(uint256) bool minted ‖ u256 tokenId                                      = 33 B
 *   credential    ownerOf(uint256)             address                                                         = 32 B
 *   subscriptions planCount()                  u256 count                                                      = 32 B
 *   subscriptions getPlan(uint256)             u256 pricePerDay ‖ bool active                                  = 33 B
 * </pre>
 *
 * A revert is a {@link ChainRejectedException} with the revert text ({@code Error(string)}: selector
 * {@code 63739d5c}, u32 length, UTF-8); any other odd answer is a {@link ChainUnavailableException}.
 */
final class OpnetReads {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ERROR_SELECTOR = selector("Error(string)");

    private final OpnetRpc rpc;
    private final String subscriptions;
    private final String credential;

    OpnetReads(OpnetRpc rpc, String subscriptions, String credential) {
        this.rpc = rpc;
        this.subscriptions = OpnetAddressFormat.INSTANCE.normalise(subscriptions);
        this.credential = OpnetAddressFormat.INSTANCE.normalise(credential);
    }

    String subscriptions() {
        return subscriptions;
    }

    Optional<SubscriptionRecord> subscription(long id, long height) throws ChainUnavailableException {
        byte[] r = call(subscriptions, "getSubscription(uint256)", id, height, 73);
        try {
            long plan = Words.u63(r, 0);
            return plan == 0 ? Optional.empty() : Optional.of(new SubscriptionRecord(id, Words.address(r, 32), plan,
                    Words.seconds(r, 64), Words.bool(r[72]), height));
        } catch (IllegalArgumentException e) {
            throw new ChainUnavailableException("getSubscription: " + e.getMessage());
        }
    }

    Optional<Long> tokenOfSubscription(long subscriptionId, long height) throws ChainUnavailableException {
        byte[] r = call(credential, "tokenOfSubscription(uint256)", subscriptionId, height, 33);
        try {
            return Words.bool(r[0]) ? Optional.of(Words.u63(r, 1)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new ChainUnavailableException("tokenOfSubscription: " + e.getMessage());
        }
    }

    String ownerOf(long tokenId, long height) throws ChainUnavailableException {
        return Words.address(call(credential, "ownerOf(uint256)", tokenId, height, 32), 0);
    }

    /** Plans on the subscriptions contract (ids 1..count; setup compares them with the answered prices). */
    long planCount(long height) throws ChainUnavailableException {
        byte[] r = call(subscriptions, "planCount()", selector("planCount()"), height, 32);
        try {
            return Words.u63(r, 0);
        } catch (IllegalArgumentException e) {
            throw new ChainUnavailableException("planCount: " + e.getMessage());
        }
    }

    /** A plan's price per day (token base units) and whether it is on sale. */
    record Plan(java.math.BigInteger pricePerDay, boolean active) {
    }

    Plan plan(long planId, long height) throws ChainUnavailableException {
        byte[] r = call(subscriptions, "getPlan(uint256)", calldata("getPlan(uint256)", planId), height, 33);
        try {
            return new Plan(new java.math.BigInteger(1, Arrays.copyOf(r, 32)), Words.bool(r[32]));
        } catch (IllegalArgumentException e) {
            throw new ChainUnavailableException("getPlan: " + e.getMessage());
        }
    }

    /** The subscriptions contract's {@code payoutAddress()} (where {@code withdraw} pays), as 0x + 64 hex. */
    String payoutAddress(long height) throws ChainUnavailableException {
        return "0x" + Hex.encode(call(subscriptions, "payoutAddress()", selector("payoutAddress()"), height, 32));
    }

    /** The OP20 token the subscriptions contract is paid in ({@code paymentToken()}), as 0x + 64 hex. */
    String paymentToken(long height) throws ChainUnavailableException {
        return "0x" + Hex.encode(call(subscriptions, "paymentToken()", selector("paymentToken()"), height, 32));
    }

    /** OP20 {@code balanceOf(address)} of {@code holder} on {@code token}: exactly one u256 word. */
    java.math.BigInteger tokenBalance(String token, String holder, long height) throws ChainUnavailableException {
        byte[] data = Arrays.copyOf(selector("balanceOf(address)"), 36);
        System.arraycopy(Hex.decode(holder.substring(2)), 0, data, 4, 32);
        return new java.math.BigInteger(1, call(token, "balanceOf(address)", data, height, 32));
    }

    /** OP20 {@code decimals()}: one byte (the SDK's UINT8), at most 36. */
    int tokenDecimals(String token, long height) throws ChainUnavailableException {
        int d = call(token, "decimals()", selector("decimals()"), height, 1)[0] & 0xff;
        if (d > 36) {
            throw new ChainUnavailableException("decimals: " + d + " is not a plausible token precision");
        }
        return d;
    }

    /** OP20 {@code symbol()}: u32 length ‖ UTF-8 (the SDK's STRING), 1 to 16 letters, digits, '.', '-' or '_'. */
    String tokenSymbol(String token, long height) throws ChainUnavailableException {
        byte[] r = call(token, "symbol()", selector("symbol()"), height, -1);
        int length = r.length < 4 ? -1 : java.nio.ByteBuffer.wrap(r, 0, 4).getInt();
        String symbol = length >= 0 && length == r.length - 4 ? new String(r, 4, length, StandardCharsets.UTF_8) : "";
        if (!symbol.matches("[A-Za-z0-9._-]{1,16}")) {
            throw new ChainUnavailableException("symbol: not a plausible token symbol");
        }
        return symbol;
    }

    /** {@code owner()} of the subscriptions contract (who may create and reprice plans), as 0x + 64 hex. */
    String subscriptionsOwner(long height) throws ChainUnavailableException {
        return "0x" + Hex.encode(call(subscriptions, "owner()", selector("owner()"), height, 32));
    }

    /** {@code operator()} of the credential contract (who may mint), as 0x + 64 hex. */
    String credentialOperator(long height) throws ChainUnavailableException {
        return "0x" + Hex.encode(call(credential, "operator()", selector("operator()"), height, 32));
    }

    /** The credential contract's {@code totalSupply()}: token ids are 0 .. count − 1. */
    long totalSupply(long height) throws ChainUnavailableException {
        return word(call(credential, "totalSupply()", selector("totalSupply()"), height, 32), "totalSupply");
    }

    /** The subscription a credential token belongs to; reverts ({@code UnknownToken}) for an unknown token. */
    long subscriptionOf(long tokenId, long height) throws ChainUnavailableException {
        return word(call(credential, "subscriptionOf(uint256)", tokenId, height, 32), "subscriptionOf");
    }

    /** {@code getCredentials} (the sealed details) or {@code getAccessKey} of a token: u32 length ‖ bytes, at most 1024. */
    byte[] tokenBytes(String method, long tokenId, long height) throws ChainUnavailableException {
        byte[] r = call(credential, method + "(uint256)", tokenId, height, -1);
        int length = r.length < 4 ? -1 : java.nio.ByteBuffer.wrap(r, 0, 4).getInt();
        if (length < 0 || length > 1024 || length != r.length - 4) {
            throw new ChainUnavailableException(method + ": not a length-prefixed value");
        }
        return Arrays.copyOfRange(r, 4, r.length);
    }

    private static long word(byte[] r, String method) throws ChainUnavailableException {
        try {
            return Words.u63(r, 0);
        } catch (IllegalArgumentException e) {
            throw new ChainUnavailableException(method + ": " + e.getMessage());
        }
    }

    static byte[] selector(String signature) {
        return Arrays.copyOf(TaprootTweak.sha256(signature.getBytes(StandardCharsets.UTF_8)), 4);
    }

    static byte[] calldata(String signature, long argument) {
        byte[] data = Arrays.copyOf(selector(signature), 36);
        for (int i = 0; i < 8; i++) {
            data[35 - i] = (byte) (argument >>> (8 * i));
        }
        return data;
    }

    private byte[] call(String to, String signature, long argument, long height, int length) throws ChainUnavailableException {
        if (argument < 0) {
            throw new IllegalArgumentException("negative id");
        }
        return call(to, signature, calldata(signature, argument), height, length);
    }

    private byte[] call(String to, String signature, byte[] calldata, long height, int length) throws ChainUnavailableException {
        if (height < 0) {
            throw new IllegalArgumentException("negative height");
        }
        ArrayNode params = JSON.createArrayNode().add(to).add(Hex.encode(calldata))
                .addNull().addNull().add(Long.toString(height));
        JsonNode result = rpc.call("btc_call", params);
        String method = signature.substring(0, signature.indexOf('('));
        if (result.hasNonNull("revert")) {
            throw new ChainRejectedException(method + " reverted", revertReason(result.get("revert").asText()));
        }
        if (result.hasNonNull("error") || !result.path("result").isTextual()) {
            throw new ChainUnavailableException(method + ": node gave no call result");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(result.get("result").asText());
        } catch (IllegalArgumentException e) {
            throw new ChainUnavailableException(method + ": call result is not base64");
        }
        if (length >= 0 && data.length != length) {
            throw new ChainUnavailableException(method + ": expected " + length + " bytes, got " + data.length);
        }
        return data;
    }

    /** The text of an {@code Error(string)} revert, printable ASCII only, at most 120 characters. */
    static String revertReason(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
        if (raw.length < 8 || !Arrays.equals(Arrays.copyOf(raw, 4), ERROR_SELECTOR)) {
            return "unknown revert 0x" + Hex.encode(Arrays.copyOf(raw, Math.min(raw.length, 16)));
        }
        String text = new String(raw, 8, raw.length - 8, StandardCharsets.UTF_8).replaceAll("[^\\x20-\\x7e]", "?");
        return text.substring(0, Math.min(text.length(), 120));
    }
}
