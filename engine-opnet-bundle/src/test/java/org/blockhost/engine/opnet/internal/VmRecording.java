package org.blockhost.engine.opnet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.blockhost.crypto.api.Hex;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;

/**
 * What the OP_NET VM did with our contracts: {@code src/test/resources/opnet-vm-fixture.json}, written by
 * {@code contracts/test/record.mjs} from the contracts in {@code contracts/build} run in the real VM (the
 * unit-test framework's op-vm) and checked against a new run by {@code contracts/test.sh}, so it cannot drift from
 * the contracts. Transactions of three branches ({@code main}; {@code fork}: the same up to {@link #forkAfter()},
 * then subscription 2 bought by wallet 3; {@code many}: twelve purchases) with the events exactly as the VM emitted
 * them, and the view calls' answers on each branch's final state. Only read here; fixture blocks are made of it.
 */
final class VmRecording {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final VmRecording VM = load();
    private final JsonNode root;

    /** One recorded transaction: its events (contract, type, data) and, when it reverted, the VM's revert data. */
    record Tx(String label, String id, String from, byte[] revert, List<Object[]> events) {
        /** The transaction as the node's block lists it ({@link RpcFixture#tx}), with the VM's revert data. */
        ObjectNode block() {
            ObjectNode tx = RpcFixture.tx(id, false, events.toArray(Object[][]::new));
            if (revert != null) {
                tx.put("revert", Base64.getEncoder().encodeToString(revert));
            }
            return tx;
        }

        /** The data of this transaction's only event of {@code type}. */
        byte[] data(String type) {
            List<byte[]> found = events.stream().filter(e -> e[1].equals(type)).map(e -> (byte[]) e[2]).toList();
            if (found.size() != 1) {
                throw new IllegalStateException(label + " has " + found.size() + " " + type + " events");
            }
            return found.get(0).clone();
        }
    }

    private VmRecording(JsonNode root) {
        this.root = root;
    }

    private static VmRecording load() {
        try (InputStream in = VmRecording.class.getResourceAsStream("/opnet-vm-fixture.json")) {
            return new VmRecording(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String host() {
        return root.get("host").asText();
    }

    String subscriptions() {
        return root.get("contracts").get("subscriptions").asText();
    }

    String credential() {
        return root.get("contracts").get("credential").asText();
    }

    String token() {
        return root.get("contracts").get("token").asText();
    }

    /** Wallet {@code i} (1..3): the SHA-256 of {@link #walletKey}'s public key. */
    String wallet(int i) {
        return root.get("wallets").get(i - 1).asText();
    }

    /** Wallet {@code i}'s ML-DSA-44 key: FIPS 204 KeyGen from the seed SHA-256("blockhost opnet fixture wallet i"). */
    static MLDSAPrivateKeyParameters walletKey(int i) {
        return new MLDSAPrivateKeyParameters(MLDSAParameters.ml_dsa_44,
                sha256(("blockhost opnet fixture wallet " + i).getBytes(StandardCharsets.UTF_8)));
    }

    /** How many transactions {@code main} and {@code fork} share. */
    int forkAfter() {
        return root.get("forkAfter").asInt();
    }

    List<Tx> branch(String name) {
        List<Tx> out = new ArrayList<>();
        for (JsonNode t : root.get("branches").get(name)) {
            List<Object[]> events = new ArrayList<>();
            for (JsonNode e : t.get("events")) {
                events.add(new Object[] {e.get("contract").asText(), e.get("type").asText(), Hex.decode(e.get("data").asText())});
            }
            byte[] revert = t.get("revert").isNull() ? null : Hex.decode(t.get("result").asText());
            out.add(new Tx(t.get("label").asText(), t.get("id").asText(), t.get("from").asText(), revert, events));
        }
        return out;
    }

    /** The transaction labelled {@code label} in {@code branch}. */
    Tx tx(String branch, String label) {
        return branch(branch).stream().filter(t -> t.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + label + " in " + branch));
    }

    /** Blocks of {@code txs} ({@link Tx#block()}). */
    static List<ObjectNode> blocks(List<Tx> txs) {
        return txs.stream().map(Tx::block).toList();
    }

    /**
     * {@code btc_call} answered, at any height, with what the VM answered that view call on {@code branch}'s final
     * state (its return data, or its revert data as the node's {@code revert}); calls not recorded answer null.
     */
    RpcFixture.Calls views(String branch) {
        JsonNode list = root.get("views").get(branch);
        return (to, data, height) -> {
            for (JsonNode v : list) {
                if (v.get("to").asText().equals(to) && v.get("calldata").asText().equals(Hex.encode(data))) {
                    String result = Base64.getEncoder().encodeToString(Hex.decode(v.get("result").asText()));
                    return v.get("revert").isNull() ? RpcFixture.returns(Hex.decode(v.get("result").asText()))
                            : JSON.createObjectNode().put("result", "").put("revert", result);
                }
            }
            return null;
        };
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
