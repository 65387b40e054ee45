package org.blockhost.engine.opnet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.blockhost.engine.api.ChainUnavailableException;

/**
 * The live check of the node the operator answered, for the wizard page and the {@code opnet.node} step: the
 * URL passes the engine's policy, {@code btc_chainId} names Bitcoin ({@code 0x0}; opnet-node's {@code ChainIds}:
 * Fractal, Dogecoin, Litecoin are 1–3), and block 0's hash is the answered network's genesis block (the node's
 * JSON-RPC has no method naming the network: the SDK's {@code JSONRpcMethods} list). Messages never repeat the
 * URL's path or query.
 */
final class NodeCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Either an error, or the node's head. */
    record Result(String error, long head) {
        boolean ok() {
            return error == null;
        }
    }

    private NodeCheck() {
    }

    static URI endpoint(String rpcUrl, boolean dev) {
        return RpcEndpoint.check(rpcUrl, dev);
    }

    static Result check(String rpcUrl, String network, boolean dev) {
        String genesis = OpnetAnswers.GENESIS.get(network == null ? "" : network.strip());
        if (genesis == null) {
            return new Result("the network must be mainnet, testnet or regtest", -1);
        }
        OpnetRpc rpc;
        try {
            rpc = new OpnetRpc(endpoint(rpcUrl, dev), Duration.ofSeconds(10));
        } catch (IllegalArgumentException e) {
            return new Result(e.getMessage(), -1);
        }
        try {
            JsonNode chain = rpc.call("btc_chainId", JSON.createArrayNode());
            if (!chain.isTextual() || !chain.asText().matches("0x0*")) {
                return new Result("the node serves chain " + printable(chain) + ", not Bitcoin (0x0)", -1);
            }
            JsonNode block0 = rpc.call("btc_getBlockByNumber", JSON.createArrayNode().add(0).add(false));
            String hash = block0.path("hash").asText("").toLowerCase(java.util.Locale.ROOT).replaceFirst("^0x", "");
            if (!hash.equals(genesis)) {
                return new Result("the node is not on " + network.strip() + ": its block 0 is " + name(hash), -1);
            }
            return new Result(null, rpc.blockNumber());
        } catch (ChainUnavailableException e) {
            return new Result("the node cannot be reached or answered garbage (" + e.getMessage() + ")", -1);
        }
    }

    private static String name(String hash) {
        return OpnetAnswers.GENESIS.entrySet().stream().filter(e -> e.getValue().equals(hash)).map(Map.Entry::getKey)
                .findFirst().map(n -> "the " + n + " genesis block").orElse(hash.isEmpty() ? "not served" : "no known genesis block");
    }

    private static String printable(JsonNode n) {
        String s = n.asText("?").replaceAll("[^0-9a-zA-Z]", "?");
        return s.substring(0, Math.min(20, s.length()));
    }
}
