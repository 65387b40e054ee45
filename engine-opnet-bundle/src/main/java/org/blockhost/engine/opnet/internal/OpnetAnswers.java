package org.blockhost.engine.opnet.internal;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OPNet engine's setup answers and the checks of single answers, shared by its finalization steps'
 * {@code problem} and its wizard page (both go through the installer's {@code SetupService}), so the wizard,
 * {@code blockhost setup --answers} and {@code blockhost dev} refuse the same values before anything is saved.
 * Messages name the field and never repeat the value of the key file or the URL's path.
 */
final class OpnetAnswers {
    static final String RPC_URL = "opnet.rpcUrl";
    static final String NETWORK = "opnet.network";
    static final String HOST_KEY_FILE = "opnet.hostKeyFile";
    static final String HOST_ADDRESS = "opnet.hostAddress";
    static final String SUBSCRIPTIONS = "opnet.subscriptionsAddress";
    static final String CREDENTIAL = "opnet.credentialAddress";
    static final String PLANS = "opnet.plans";
    static final String ADMIN_ADDRESS = "opnet.adminAddress";
    /** The OP20 token plans are priced in: needed only when setup deploys the contracts. */
    static final String PAYMENT_TOKEN = "opnet.paymentToken";
    /** Published by {@code opnet.contracts}: the head when the contracts were first checked (the watcher's start). */
    static final String START_BLOCK = "opnet.startBlock";

    /** Bitcoin networks an OPNet node runs on, by the hash of their genesis block (bitcoin/chainparams). */
    static final Map<String, String> GENESIS = Map.of(
            "mainnet", "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f",
            "testnet", "00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6", // OPNet testnet: a signet
            "regtest", "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206");
    private static final BigInteger MAX_PRICE = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

    private OpnetAnswers() {
    }

    static Optional<String> problem(String key, String value) {
        String v = value.strip();
        return Optional.ofNullable(switch (key) {
            case RPC_URL -> rpcUrl(v);
            case NETWORK -> GENESIS.containsKey(v) ? null : "field '" + key + "' must be mainnet, testnet or regtest";
            case HOST_KEY_FILE -> v.startsWith("/") && !v.contains("\0") && Path.of(v).normalize().toString().equals(v)
                    ? null : "field '" + key + "' must be an absolute, normalised path to the host key file";
            case SUBSCRIPTIONS, CREDENTIAL, PAYMENT_TOKEN -> v.isEmpty() ? null : address(key, v); // empty: deploy
            case HOST_ADDRESS, ADMIN_ADDRESS -> address(key, v);
            case PLANS -> plans(v);
            default -> null;
        });
    }

    /** The answered plan prices per day (base units of the payment token), plan ids 1, 2, … in order. */
    static List<BigInteger> prices(String value) {
        List<BigInteger> out = new ArrayList<>();
        for (String part : value.strip().split(",", -1)) {
            String p = part.strip();
            if (!p.matches("[1-9][0-9]{0,38}") || new BigInteger(p).compareTo(MAX_PRICE) > 0) {
                throw new IllegalArgumentException("each price must be a whole number of token base units per day, 1 to 2^128 − 1");
            }
            out.add(new BigInteger(p));
        }
        if (out.size() > 20) {
            throw new IllegalArgumentException("at most 20 plans");
        }
        return out;
    }

    private static String plans(String v) {
        try {
            prices(v);
            return null;
        } catch (IllegalArgumentException e) {
            return "field '" + PLANS + "': " + e.getMessage() + " (e.g. 100000,250000)";
        }
    }

    private static String rpcUrl(String v) {
        try {
            RpcEndpoint.check(v, true); // the form; the step checks again with the runtime's mode (https, public host)
            return null;
        } catch (IllegalArgumentException e) {
            return "field '" + RPC_URL + "': " + e.getMessage();
        }
    }

    private static String address(String key, String v) {
        try {
            String a = OpnetAddressFormat.INSTANCE.normalise(v);
            return a.equals("0x" + "0".repeat(64)) ? "field '" + key + "' must not be the zero address" : null;
        } catch (IllegalArgumentException e) {
            return "field '" + key + "': " + e.getMessage();
        }
    }
}
