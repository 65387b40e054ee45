package org.blockhost.engine.opnet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.ChainUnavailableException;

/** The sidecar's operations, typed: each returns the interaction's transaction id (or the balance). */
final class SidecarWrites {
    private final Sidecar sidecar;

    SidecarWrites(Sidecar sidecar) {
        this.sidecar = sidecar;
    }

    String mint(long subscriptionId, String owner, byte[] credentials) throws ChainUnavailableException {
        return txid(sidecar.request(op("mint").put("subscriptionId", Long.toString(subscriptionId))
                .put("owner", owner).put("credentials", Hex.encode(credentials))));
    }

    String updateCredentials(long tokenId, byte[] credentials) throws ChainUnavailableException {
        return txid(sidecar.request(op("updateCredentials").put("tokenId", Long.toString(tokenId))
                .put("credentials", Hex.encode(credentials))));
    }

    String markDestroyed(long subscriptionId) throws ChainUnavailableException {
        return txid(sidecar.request(op("markDestroyed").put("subscriptionId", Long.toString(subscriptionId))));
    }

    /** {@code createPlan(pricePerDay)} on the subscriptions contract (owner only). */
    String createPlan(BigInteger pricePerDay) throws ChainUnavailableException {
        return txid(sidecar.request(op("createPlan").put("pricePerDay", pricePerDay.toString())));
    }

    /** {@code updatePlan(planId, pricePerDay, active)} on the subscriptions contract (owner only). */
    String updatePlan(long planId, BigInteger pricePerDay, boolean active) throws ChainUnavailableException {
        return txid(sidecar.request(op("updatePlan").put("planId", Long.toString(planId))
                .put("pricePerDay", pricePerDay.toString()).put("active", active)));
    }

    String withdraw() throws ChainUnavailableException {
        return txid(sidecar.request(op("withdraw")));
    }

    /** Sends bitcoin ({@code asset} "btc") or an OP20 token (its contract address). */
    String send(String asset, String to, BigInteger amount) throws ChainUnavailableException {
        return txid(sidecar.request(op("send").put("asset", asset).put("to", to).put("amount", amount.toString())));
    }

    /** The host wallet's bitcoin balance in satoshi. */
    BigInteger balanceSats() throws ChainUnavailableException {
        JsonNode answer = sidecar.request(op("balance"));
        String sats = answer.path("sats").asText("");
        if (!sats.matches("[0-9]{1,30}")) {
            throw new ChainUnavailableException("OPNet balance: the sidecar gave no amount");
        }
        return new BigInteger(sats);
    }

    /** A contract deployment as sent: its address (computed from the signed deployment) and transaction id. */
    record Deployed(String address, String txid) {
    }

    /**
     * Deploys {@code contract} ("subscriptions" or "credential") with the calldata owner ‖ operator ‖ third address
     * (field {@code thirdField}: "token" or "subscriptions") and the given 32-byte salt (hex).
     */
    Deployed deploy(String contract, String owner, String operator, String thirdField, String third, String salt)
            throws ChainUnavailableException {
        JsonNode answer = sidecar.request(op("deploy").put("contract", contract).put("owner", owner).put("operator", operator)
                .put(thirdField, third).put("salt", salt));
        String address = answer.path("address").asText("");
        if (!address.matches("0x[0-9a-f]{64}")) {
            throw new ChainUnavailableException("the sidecar reported no contract address");
        }
        return new Deployed(address, txid(answer));
    }

    private static ObjectNode op(String name) {
        return JsonNodeFactory.instance.objectNode().put("op", name);
    }

    private static String txid(JsonNode answer) throws ChainUnavailableException {
        String txid = answer.path("txid").asText("");
        if (!txid.matches("[0-9a-f]{64}")) {
            throw new ChainUnavailableException("the sidecar reported no transaction id");
        }
        return txid;
    }
}
