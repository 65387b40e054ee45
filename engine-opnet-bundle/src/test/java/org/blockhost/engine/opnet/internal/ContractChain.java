package org.blockhost.engine.opnet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.blockhost.crypto.api.Hex;

/**
 * Our two contracts on the {@link RpcFixture} node, their transactions taken from the OP_NET VM's record
 * ({@link VmRecording}, branch {@code pool}): the setup (funding, approvals, plan 1) is block 1; a wallet's purchase
 * is its next recorded purchase (the VM's transaction and events, its subscription id: each is used once); a mint,
 * credential update or transfer is the recorded one of that subscription or token. Their state after every block is
 * kept here (so {@code btc_call} answers at any height and a reorg drops the state of the blocks it removes), with the
 * sidecar's script ({@link FakeSidecar}): a mint is checked as the contract does (simulation: {@code AlreadyMinted};
 * {@code NotSubscriber} with the VM's revert text), counted as a host transaction and included in the next block.
 * Stored credentials are the sidecar request's (the VM's mint carried other bytes; no event holds them).
 */
final class ContractChain {
    static final String ZERO = "0x" + "00".repeat(32);
    static final String SUBS = VmRecording.VM.subscriptions();
    static final String CRED = VmRecording.VM.credential();
    /** The OP20 token the subscriptions contract is paid in; every wallet holds {@link #TOKEN_HELD} of it. */
    static final String TOKEN = "0x" + "70".repeat(32);
    static final long TOKEN_HELD = 2_500_000L;
    private final RpcFixture node;
    /** The contracts' state after block {@code i}; never changed once added (the node's thread reads it unlocked). */
    private final List<State> states = new CopyOnWriteArrayList<>();
    private final List<Function<State, ObjectNode>> mempool = new ArrayList<>();
    private final List<VmRecording.Tx> recorded = VmRecording.VM.branch("pool");
    private final java.util.Set<String> bought = new java.util.HashSet<>();
    private long writes;

    /** The contracts' storage that the engine reads. */
    private static final class State {
        final Map<Long, String> subscribers = new HashMap<>();
        final Map<Long, Long> expiries = new HashMap<>();
        final Map<Long, Long> tokenOfSub = new HashMap<>();
        final Map<Long, String> owners = new HashMap<>();
        final Map<Long, byte[]> credentials = new HashMap<>();

        State copy() {
            State s = new State();
            s.subscribers.putAll(subscribers);
            s.expiries.putAll(expiries);
            s.tokenOfSub.putAll(tokenOfSub);
            s.owners.putAll(owners);
            s.credentials.putAll(credentials);
            return s;
        }
    }

    /** On a fixture node that holds only its genesis block; mines the recorded setup as block 1. */
    ContractChain(RpcFixture node) {
        this.node = node;
        states.add(new State());
        node.calls(this::answer);
        recorded.stream().filter(t -> t.label().startsWith("fund ") || t.label().startsWith("approve ")
                || t.label().equals("plan 1")).forEach(t -> mempool.add(s -> t.block()));
        mine(1);
    }

    private VmRecording.Tx recorded(String label) {
        return recorded.stream().filter(t -> t.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("the VM recording has no \"" + label + "\" (contracts/test/record.mjs)"));
    }

    synchronized void mine(int blocks) {
        for (int i = 0; i < blocks; i++) {
            State next = states.get(states.size() - 1).copy();
            List<ObjectNode> txs = new ArrayList<>();
            for (Function<State, ObjectNode> tx : mempool) {
                txs.add(tx.apply(next));
            }
            mempool.clear();
            states.add(next);
            node.mine(txs);
        }
    }

    /** Replaces the last {@code depth} blocks (and what was waiting to be mined) with empty blocks of another fork. */
    synchronized void reorg(int depth) {
        long keep = node.tip() - depth;
        node.reorgAbove(keep, false);
        while (states.size() > keep + 1) {
            states.remove(states.size() - 1);
        }
        mempool.clear();
        mine(depth);
    }

    /** {@code subscriber} (canonical) makes its next recorded purchase (plan 1, 30 days), mined in a new block. */
    synchronized long buy(String subscriber) {
        VmRecording.Tx tx = recorded.stream().filter(t -> t.label().startsWith("buy ") && t.from().equals(subscriber)
                && !bought.contains(t.id())).findFirst().orElseThrow(() -> new AssertionError("no recorded purchase left for " + subscriber));
        bought.add(tx.id());
        ByteBuffer event = ByteBuffer.wrap(tx.data("SubscriptionCreated"));
        long id = event.getLong(24);
        mempool.add(s -> {
            s.subscribers.put(id, subscriber);
            s.expiries.put(id, event.getLong(96));
            return tx.block();
        });
        mine(1);
        return id;
    }

    /** The token's owner {@code from} gives it to {@code to} (the recorded transfer), mined in a new block. */
    synchronized void transfer(long token, String from, String to) {
        VmRecording.Tx tx = recorded("transfer token " + token);
        if (!tx.from().equals(from) || !Hex.encode(Arrays.copyOfRange(tx.data("CredentialTransferred"), 64, 96)).equals(to.substring(2))) {
            throw new AssertionError("the recorded transfer of token " + token + " is not " + from + " -> " + to);
        }
        mempool.add(s -> {
            if (!from.equals(s.owners.get(token))) {
                throw new AssertionError(from + " does not own token " + token);
            }
            s.owners.put(token, to);
            return tx.block();
        });
        mine(1);
    }

    synchronized long writes() {
        return writes;
    }

    byte[] credentials(long token) {
        return states.get(states.size() - 1).credentials.get(token);
    }

    /** The scripted sidecar: the wallet on init, a balance, mints and credential updates; anything else refused. */
    synchronized List<String> sidecar(JsonNode req, String host) {
        String fields = switch (req.get("op").asText()) {
            case "init" -> "\"ok\":true,\"address\":\"" + host + "\",\"p2tr\":\"bcrt1p\"";
            case "balance" -> "\"ok\":true,\"sats\":\"150000\"";
            case "mint" -> mint(Long.parseLong(req.get("subscriptionId").asText()), req.get("owner").asText(),
                    Hex.decode(req.get("credentials").asText()));
            case "updateCredentials" -> update(Long.parseLong(req.get("tokenId").asText()),
                    Hex.decode(req.get("credentials").asText()));
            default -> "\"ok\":false,\"rejected\":\"unsupported\"";
        };
        return List.of(FakeSidecar.answer(req, fields));
    }

    private String mint(long sub, String to, byte[] sealed) {
        State head = states.get(states.size() - 1);
        if (head.tokenOfSub.containsKey(sub)) {
            return "\"ok\":false,\"rejected\":\"AlreadyMinted\"";
        }
        if (sub != 0 && !to.equals(head.subscribers.get(sub))) {
            byte[] revert = recorded("mint 1 to wallet 2").revert(); // Error(string): selector, u32 length, text
            String reason = new String(revert, 8, ByteBuffer.wrap(revert).getInt(4), java.nio.charset.StandardCharsets.UTF_8);
            return "\"ok\":false,\"rejected\":\"" + reason + "\"";
        }
        VmRecording.Tx tx = recorded("mint " + sub);
        byte[] minted = tx.data("CredentialTransferred");
        long token = ByteBuffer.wrap(minted).getLong(24);
        if (!Hex.encode(Arrays.copyOfRange(minted, 64, 96)).equals(to.substring(2))) {
            throw new AssertionError("the recorded mint of subscription " + sub + " is not to " + to);
        }
        mempool.add(s -> {
            s.tokenOfSub.put(sub, token);
            s.owners.put(token, to);
            s.credentials.put(token, sealed);
            return tx.block();
        });
        return sent(tx.id());
    }

    private String update(long token, byte[] sealed) {
        VmRecording.Tx tx = recorded("update token " + token);
        mempool.add(s -> {
            s.credentials.put(token, sealed);
            return tx.block();
        });
        return sent(tx.id());
    }

    private String sent(String txid) {
        writes++;
        return "\"ok\":true,\"txid\":\"" + txid + "\"";
    }

    /** {@code btc_call} on our contracts at {@code height}, in the layouts {@link OpnetReads} documents. */
    private ObjectNode answer(String to, byte[] data, long height) {
        if (height >= states.size()) {
            return null;
        }
        if (data.length == 4) {
            return token(to, Hex.encode(data));
        }
        if (data.length != 36) {
            return null;
        }
        State s = states.get((int) height);
        long arg = ByteBuffer.wrap(data, 28, 8).getLong();
        String selector = Hex.encode(Arrays.copyOf(data, 4));
        if (to.equals(CRED) && selector.equals(sel("tokenOfSubscription(uint256)"))) {
            Long token = s.tokenOfSub.get(arg);
            return RpcFixture.returns(ByteBuffer.allocate(33).put((byte) (token == null ? 0 : 1))
                    .put(Events.u256(token == null ? 0 : token)).array());
        }
        if (to.equals(TOKEN) && selector.equals(sel("balanceOf(address)"))) {
            return RpcFixture.returns(Events.u256(TOKEN_HELD));
        }
        if (to.equals(CRED) && selector.equals(sel("ownerOf(uint256)"))) {
            String owner = s.owners.get(arg);
            return owner == null ? RpcFixture.reverts("UnknownToken") : RpcFixture.returns(Hex.decode(owner));
        }
        if (to.equals(SUBS) && selector.equals(sel("getSubscription(uint256)"))) {
            String subscriber = s.subscribers.get(arg);
            ByteBuffer b = ByteBuffer.allocate(73);
            if (subscriber != null) {
                b.put(Events.u256(1)).put(Hex.decode(subscriber.substring(2))).putLong(s.expiries.get(arg)).put((byte) 0);
            }
            return RpcFixture.returns(b.array());
        }
        return null;
    }

    /** The argument-less reads: the subscriptions contract's {@code paymentToken()} and the token's {@code decimals()}. */
    private static ObjectNode token(String to, String selector) {
        if (to.equals(SUBS) && selector.equals(sel("paymentToken()"))) {
            return RpcFixture.returns(Hex.decode(TOKEN.substring(2)));
        }
        if (to.equals(TOKEN) && selector.equals(sel("decimals()"))) {
            return RpcFixture.returns(new byte[] {8});
        }
        return null;
    }

    private static String sel(String signature) {
        return Hex.encode(OpnetReads.selector(signature));
    }
}
