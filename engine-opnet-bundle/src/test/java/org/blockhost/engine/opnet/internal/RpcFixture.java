package org.blockhost.engine.opnet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.blockhost.crypto.api.Hex;

/**
 * Loopback JSON-RPC fixture speaking the OPNet node's {@code btc_blockNumber} and {@code btc_getBlockByNumber}
 * (block shape of the SDK's IBlock/ITransaction). Tests mine blocks holding contract events, replace blocks
 * from a height on (a reorg, optionally keeping the Bitcoin hashes and changing only the checksums), and take
 * the node down (HTTP 503) or make it fail after a number of requests.
 *
 * <p>Public and shipped in this module's test-jar ({@code <type>test-jar</type>}) so that other modules' tests
 * (the engine swap on the dev stack in {@code bundles/itests}) run the same node; it needs only Jackson and the
 * crypto bundle's {@code Hex} on the class path.
 */
public final class RpcFixture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<ObjectNode> blocks = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    /** Answers {@code btc_call}: the contract, the calldata and the height asked for; null = JSON null. */
    public interface Calls {
        ObjectNode answer(String to, byte[] calldata, long height);
    }

    private volatile Calls calls = (to, data, height) -> null;
    public final List<Long> callHeights = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile String chainId = "0x0";
    private volatile int failAfter = -1;
    private int fork;

    /** Starts the node on a free loopback port with a genesis block. */
    public RpcFixture() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        mine(List.of()); // genesis
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public synchronized long tip() {
        return blocks.size() - 1;
    }

    /** The hash of the canonical block at {@code height}. */
    public synchronized String hashAt(long height) {
        return blocks.get((int) height).get("hash").asText();
    }

    /** The checksum root of the canonical block at {@code height}. */
    public synchronized String checksumAt(long height) {
        return blocks.get((int) height).get("checksumRoot").asText();
    }

    /** Appends a block holding {@code txs} (see {@link #tx}). */
    public synchronized ObjectNode mine(List<ObjectNode> txs) {
        long height = blocks.size();
        ObjectNode b = JSON.createObjectNode();
        b.put("height", String.valueOf(height)).put("hash", hash("hash", fork, height))
                .put("checksumRoot", hash("checksum", fork, height)).put("time", 1_700_000_000 + height * 600);
        if (height > 0) {
            b.put("previousBlockHash", blocks.get((int) height - 1).get("hash").asText());
            b.put("previousBlockChecksum", blocks.get((int) height - 1).get("checksumRoot").asText());
        }
        ArrayNode list = b.putArray("transactions");
        txs.forEach(list::add);
        blocks.add(b);
        return b;
    }

    /** What {@code btc_chainId} answers (the node's chain: {@code 0x0} = Bitcoin, the default). */
    public void chainId(String hex) {
        chainId = hex;
    }

    /** Gives block 0 this hash (a network's genesis block), relinking the blocks above. */
    public synchronized void genesisHash(String hash) {
        blocks.get(0).put("hash", hash);
        relink();
    }

    public void mineEmpty(int count) {
        for (int i = 0; i < count; i++) {
            mine(List.of());
        }
    }

    /** Drops blocks above {@code keep}; the next mined blocks form another fork. With {@code sameHashes} only the checksums differ. */
    public synchronized void reorgAbove(long keep, boolean sameHashes) {
        List<ObjectNode> dropped = new ArrayList<>(blocks.subList((int) keep + 1, blocks.size()));
        blocks.subList((int) keep + 1, blocks.size()).clear();
        fork++;
        if (sameHashes) {
            for (ObjectNode old : dropped) {
                ObjectNode b = mine(List.of());
                b.put("hash", old.get("hash").asText());
                b.set("transactions", old.get("transactions"));
            }
            relink();
        }
    }

    private void relink() {
        for (int i = 1; i < blocks.size(); i++) {
            blocks.get(i).put("previousBlockHash", blocks.get(i - 1).get("hash").asText());
            blocks.get(i).put("previousBlockChecksum", blocks.get(i - 1).get("checksumRoot").asText());
        }
    }

    /** An interaction transaction with events {@code (contract, type, data)}; events as the keyed object form. */
    public static ObjectNode tx(String id, boolean reverted, Object[]... events) {
        ObjectNode tx = JSON.createObjectNode().put("id", id).put("hash", id).put("OPNetType", "Interaction");
        if (reverted) {
            tx.put("revert", Base64.getEncoder().encodeToString("nope".getBytes(StandardCharsets.UTF_8)));
        }
        ObjectNode byContract = tx.putObject("events");
        for (Object[] e : events) {
            ArrayNode list = byContract.has((String) e[0]) ? (ArrayNode) byContract.get((String) e[0])
                    : byContract.putArray((String) e[0]);
            list.addObject().put("contractAddress", (String) e[0]).put("type", (String) e[1])
                    .put("data", Base64.getEncoder().encodeToString((byte[]) e[2]));
        }
        return tx;
    }

    public void calls(Calls handler) {
        calls = handler;
    }

    /** A successful call result holding {@code data}. */
    public static ObjectNode returns(byte[] data) {
        ObjectNode r = JSON.createObjectNode().put("result", Base64.getEncoder().encodeToString(data));
        r.putObject("events");
        r.putObject("accessList");
        return r.put("estimatedGas", "0x100");
    }

    /** A reverted call: {@code Error(string)} = selector 63739d5c, u32 length, UTF-8 text. */
    public static ObjectNode reverts(String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + t.length).put(Hex.decode("63739d5c")).putInt(t.length).put(t);
        return JSON.createObjectNode().put("result", "").put("revert", Base64.getEncoder().encodeToString(b.array()));
    }

    /**
     * What {@code btc_publicKeyInfo} knows: entries keyed by address without {@code 0x}, as opnet-node answers them;
     * an address not in here gets the node's {@code {"error": "Public key not found"}}. The last params are kept.
     */
    public synchronized void publicKeys(ObjectNode known) {
        publicKeys = known;
    }

    public volatile JsonNode lastPublicKeyParams;
    public volatile JsonNode lastCodeParams;
    private final java.util.Map<String, String> codes = new java.util.HashMap<>();

    /** Contract code the node shows from now on at {@code address} ({@code btc_getCode}); unknown ones answer null. */
    public synchronized void deployed(String address, byte[] code) {
        codes.put(address, Base64.getEncoder().encodeToString(code));
    }
    private ObjectNode publicKeys = JSON.createObjectNode();

    public void down(boolean isDown) {
        down = isDown;
    }

    /** The node answers {@code n} more requests, then 503 until {@link #down(boolean) down(false)} or a new call. */
    public void failAfter(int n) {
        failAfter = requests.get() + n;
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            int n = requests.incrementAndGet();
            if (down || failAfter >= 0 && n > failAfter) {
                ex.sendResponseHeaders(503, -1);
                return;
            }
            JsonNode req = JSON.readTree(ex.getRequestBody());
            ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
            answer.set("id", req.get("id"));
            answer.set("result", result(req.get("method").asText(), req.get("params")));
            byte[] body = JSON.writeValueAsBytes(answer);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
    }

    private synchronized JsonNode result(String method, JsonNode params) {
        switch (method) {
            case "btc_blockNumber":
                return JSON.getNodeFactory().textNode("0x" + Long.toHexString(tip()));
            case "btc_chainId":
                return JSON.getNodeFactory().textNode(chainId);
            case "btc_call": // a page's simulation names no height: the head
                long at = params.size() > 4 && params.get(4).isValueNode() && !params.get(4).isNull()
                        ? Long.parseLong(params.get(4).asText()) : tip();
                callHeights.add(at);
                ObjectNode r = calls.answer(params.get(0).asText(), Hex.decode(params.get(1).asText()), at);
                return r == null ? JSON.nullNode() : r;
            case "btc_getBlockByNumber":
                long h = params.get(0).asLong();
                return h >= 0 && h < blocks.size() ? blocks.get((int) h) : JSON.nullNode();
            case "btc_getCode":
                lastCodeParams = params;
                String code = codes.get(params.get(0).asText());
                return code == null ? JSON.nullNode() : JSON.createObjectNode().put("bytecode", code);
            case "btc_publicKeyInfo":
                lastPublicKeyParams = params;
                ObjectNode keys = JSON.createObjectNode();
                for (JsonNode a : params.get(0)) {
                    String key = a.asText().replaceFirst("^0x", "");
                    keys.set(key, publicKeys.has(key) ? publicKeys.get(key) : JSON.createObjectNode().put("error", "Public key not found"));
                }
                return keys;
            case "btc_gas": // the SDK's IBlockGasParameters raw shape
                ObjectNode gas = JSON.createObjectNode().put("blockNumber", "0x" + Long.toHexString(tip())).put("gasUsed", "0x0")
                        .put("targetGasLimit", "0x3b9aca00").put("ema", "0x0").put("baseGas", "0x64").put("gasPerSat", "0x3b9aca00");
                gas.putObject("bitcoin").put("conservative", 3).putObject("recommended").put("low", 1).put("medium", 2).put("high", 4);
                return gas;
            case "btc_getUTXOs":
                return utxos;
            default:
                return JSON.nullNode();
        }
    }

    private JsonNode utxos = JSON.createObjectNode().<ObjectNode>set("confirmed", JSON.createArrayNode())
            .<ObjectNode>set("pending", JSON.createArrayNode()).<ObjectNode>set("spentTransactions", JSON.createArrayNode())
            .set("raw", JSON.createArrayNode());

    /**
     * {@code btc_getUTXOs} answers, for any address, one confirmed UTXO: output 0 of {@code rawHex} (transaction id
     * {@code txid}, display order) paying {@code sats} to {@code scriptHex}.
     */
    public synchronized void utxo(String address, String txid, String scriptHex, long sats, String rawHex) {
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode u = answer.putArray("confirmed").addObject().put("transactionId", txid).put("outputIndex", 0)
                .put("value", String.valueOf(sats)).put("raw", 0);
        u.putObject("scriptPubKey").put("hex", scriptHex).put("address", address);
        answer.putArray("pending");
        answer.putArray("spentTransactions");
        answer.putArray("raw").add(java.util.Base64.getEncoder().encodeToString(Hex.decode(rawHex)));
        utxos = answer;
    }

    /** The calldata of every interaction broadcast to this node, in order ({@link #broadcast}). */
    public final List<byte[]> interactions = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * A wallet's package (funding, interaction: raw hex) broadcast to this node: the interaction is decoded
     * ({@link RpcFixtureInteraction#calldata}) and its calldata kept in {@link #interactions}.
     */
    public void broadcast(List<String> rawHex) throws IOException {
        if (rawHex.size() != 2) {
            throw new IOException("a package is funding + interaction, got " + rawHex.size() + " transactions");
        }
        interactions.add(RpcFixtureInteraction.calldata(Hex.decode(rawHex.get(1))));
    }

    private static String hash(String kind, int fork, long height) {
        try { // not TaprootTweak.sha256: the test-jar is used without the bundle's own classes
            return Hex.encode(java.security.MessageDigest.getInstance("SHA-256")
                    .digest((kind + "/" + fork + "/" + height).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
