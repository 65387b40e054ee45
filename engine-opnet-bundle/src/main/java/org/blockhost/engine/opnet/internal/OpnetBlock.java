package org.blockhost.engine.opnet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.blockhost.engine.api.ChainUnavailableException;

/**
 * One OPNet block as {@code btc_getBlockByNumber [height, true]} returns it (the SDK's {@code IBlock} with
 * {@code ITransaction}s): the fields the watcher needs. Hashes are lowercase hex without {@code 0x}.
 * A block the node answers in another shape is a {@link ChainUnavailableException}: nothing is guessed.
 */
public record OpnetBlock(long height, String hash, String checksumRoot, String previousHash, String previousChecksum,
        long time, List<Tx> transactions) {
    private static final Pattern HASH = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

    /** A transaction: its id, whether it reverted, and the events its contracts emitted (in order). */
    public record Tx(String id, boolean reverted, List<Event> events) {
    }

    /** One contract event: emitting contract (OPNet address form), type name and raw data. */
    public record Event(String contract, String type, byte[] data) {
    }

    /** Whether this block extends {@code parent} (hash and checksum both link). */
    boolean extendsBlock(String parentHash, String parentChecksum) {
        return previousHash.equals(parentHash) && previousChecksum.equals(parentChecksum);
    }

    static OpnetBlock parse(JsonNode b) throws ChainUnavailableException {
        if (b == null || !b.isObject()) {
            throw new ChainUnavailableException("block is not an object");
        }
        List<Tx> txs = new ArrayList<>();
        JsonNode list = b.path("transactions");
        if (!list.isMissingNode() && !list.isNull()) {
            if (!list.isArray()) {
                throw new ChainUnavailableException("block transactions are not a list");
            }
            for (JsonNode tx : list) {
                txs.add(tx(tx));
            }
        }
        long height = number(b.get("height"), "block height");
        long time = number(b.get("time"), "block time");
        String previousHash = height == 0 ? optionalHash(b.get("previousBlockHash")) : hash(b.get("previousBlockHash"), "previousBlockHash");
        String previousChecksum = height == 0 ? optionalHash(b.get("previousBlockChecksum"))
                : hash(b.get("previousBlockChecksum"), "previousBlockChecksum");
        return new OpnetBlock(height, hash(b.get("hash"), "hash"), hash(b.get("checksumRoot"), "checksumRoot"),
                previousHash, previousChecksum, time, List.copyOf(txs));
    }

    private static Tx tx(JsonNode tx) throws ChainUnavailableException {
        String id = tx.hasNonNull("id") ? hash(tx.get("id"), "transaction id") : hash(tx.get("hash"), "transaction hash");
        boolean reverted = tx.hasNonNull("revert");
        List<Event> events = new ArrayList<>();
        JsonNode raw = tx.path("events");
        if (raw.isArray()) {
            for (JsonNode e : raw) {
                events.add(event(e.get("contractAddress"), e));
            }
        } else if (raw.isObject()) {
            for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) raw::fields) {
                if (!entry.getValue().isArray()) {
                    throw new ChainUnavailableException("events of a contract are not a list");
                }
                for (JsonNode e : entry.getValue()) {
                    events.add(event(new com.fasterxml.jackson.databind.node.TextNode(entry.getKey()), e));
                }
            }
        } else if (!raw.isMissingNode() && !raw.isNull()) {
            throw new ChainUnavailableException("transaction events are neither a list nor an object");
        }
        return new Tx(id, reverted, List.copyOf(events));
    }

    private static Event event(JsonNode contract, JsonNode e) throws ChainUnavailableException {
        if (contract == null || !contract.isTextual() || !OpnetAddressFormat.INSTANCE.isValid(contract.asText())
                || !e.path("type").isTextual() || !e.path("data").isTextual()) {
            throw new ChainUnavailableException("malformed event (contractAddress, type, data)");
        }
        try {
            return new Event(OpnetAddressFormat.INSTANCE.normalise(contract.asText()), e.get("type").asText(),
                    Base64.getDecoder().decode(e.get("data").asText()));
        } catch (IllegalArgumentException ex) {
            throw new ChainUnavailableException("event data is not base64");
        }
    }

    /** A non-negative number given as a JSON number, a decimal string or a 0x-hex string. */
    static long number(JsonNode n, String what) throws ChainUnavailableException {
        try {
            BigInteger v;
            if (n != null && n.canConvertToExactIntegral() && n.isIntegralNumber()) {
                v = n.bigIntegerValue();
            } else if (n != null && n.isTextual() && n.asText().matches("0x[0-9a-fA-F]{1,16}")) {
                v = new BigInteger(n.asText().substring(2), 16);
            } else if (n != null && n.isTextual() && n.asText().matches("[0-9]{1,19}")) {
                v = new BigInteger(n.asText());
            } else {
                throw new ChainUnavailableException(what + " is missing or not a number");
            }
            if (v.signum() < 0 || v.bitLength() > 62) {
                throw new ChainUnavailableException(what + " is out of range");
            }
            return v.longValue();
        } catch (ArithmeticException e) {
            throw new ChainUnavailableException(what + " is out of range");
        }
    }

    private static String hash(JsonNode n, String what) throws ChainUnavailableException {
        if (n == null || !n.isTextual() || !HASH.matcher(n.asText()).matches()) {
            throw new ChainUnavailableException(what + " is missing or not a 32-byte hex hash");
        }
        String s = n.asText().toLowerCase(Locale.ROOT);
        return s.startsWith("0x") ? s.substring(2) : s;
    }

    private static String optionalHash(JsonNode n) throws ChainUnavailableException {
        return n == null || n.isNull() || n.asText().isEmpty() ? "" : hash(n, "previous block");
    }
}
