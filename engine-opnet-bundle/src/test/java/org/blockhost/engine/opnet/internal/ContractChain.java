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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.blockhost.crypto.api.Hex;

/**
 * Test double of our two contracts on the {@link RpcFixture} node: their state after every block (so
 * {@code btc_call} answers at any height and a reorg drops the state of the blocks it removes), wallets' purchases
 * and transfers mined with the contracts' events, and the sidecar's script ({@link FakeSidecar}): a mint or a
 * credential update is checked as the contract does (simulation: {@code AlreadyMinted}, {@code NotSubscriber}),
 * counted as a host transaction and included in the next mined block.
 */
final class ContractChain {
    static final String ZERO = "0x" + "00".repeat(32);
    /** The OP20 token the subscriptions contract is paid in; every wallet holds {@link #TOKEN_HELD} of it. */
    static final String TOKEN = "0x" + "70".repeat(32);
    static final long TOKEN_HELD = 2_500_000L;
    private final RpcFixture node;
    /** The contracts' state after block {@code i}; never changed once added (the node's thread reads it unlocked). */
    private final List<State> states = new CopyOnWriteArrayList<>();
    private final List<Function<State, List<Object[]>>> mempool = new ArrayList<>();
    private long writes;
    private long txids;

    /** The contracts' storage that the engine reads. */
    private static final class State {
        final Map<Long, String> subscribers = new HashMap<>();
        final Map<Long, Long> tokenOfSub = new HashMap<>();
        final Map<Long, String> owners = new HashMap<>();
        final Map<Long, byte[]> credentials = new HashMap<>();
        long nextSub = 1;
        long nextToken;

        State copy() {
            State s = new State();
            s.subscribers.putAll(subscribers);
            s.tokenOfSub.putAll(tokenOfSub);
            s.owners.putAll(owners);
            s.credentials.putAll(credentials);
            s.nextSub = nextSub;
            s.nextToken = nextToken;
            return s;
        }
    }

    /** On a fixture node that holds only its genesis block. */
    ContractChain(RpcFixture node) {
        this.node = node;
        states.add(new State());
        node.calls(this::answer);
    }

    synchronized void mine(int blocks) {
        for (int i = 0; i < blocks; i++) {
            State next = states.get(states.size() - 1).copy();
            List<ObjectNode> txs = new ArrayList<>();
            for (Function<State, List<Object[]>> tx : mempool) {
                txs.add(RpcFixture.tx(txid(), false, tx.apply(next).toArray(Object[][]::new)));
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

    /** {@code subscriber} (canonical) buys a subscription of plan 1, mined in a new block. */
    synchronized long buy(String subscriber) {
        AtomicLong id = new AtomicLong();
        mempool.add(s -> {
            id.set(s.nextSub++);
            s.subscribers.put(id.get(), subscriber);
            return List.<Object[]>of(Events.created(id.get(), 1, subscriber, 1_800_000_000L));
        });
        mine(1);
        return id.get();
    }

    /** The token's owner {@code from} gives it to {@code to}, mined in a new block. */
    synchronized void transfer(long token, String from, String to) {
        mempool.add(s -> {
            if (!from.equals(s.owners.get(token))) {
                throw new AssertionError(from + " does not own token " + token);
            }
            s.owners.put(token, to);
            return List.<Object[]>of(Events.transferred(token, from, to));
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
            return "\"ok\":false,\"rejected\":\"NotSubscriber\"";
        }
        mempool.add(s -> {
            long token = s.nextToken++;
            s.tokenOfSub.put(sub, token);
            s.owners.put(token, to);
            s.credentials.put(token, sealed);
            return List.<Object[]>of(Events.transferred(token, ZERO, to));
        });
        return sent();
    }

    private String update(long token, byte[] sealed) {
        mempool.add(s -> {
            s.credentials.put(token, sealed);
            return List.of();
        });
        return sent();
    }

    private String sent() {
        writes++;
        return "\"ok\":true,\"txid\":\"" + txid() + "\"";
    }

    private String txid() {
        return String.format("%064x", ++txids);
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
        if (to.equals(Events.CRED) && selector.equals(sel("tokenOfSubscription(uint256)"))) {
            Long token = s.tokenOfSub.get(arg);
            return RpcFixture.returns(ByteBuffer.allocate(33).put((byte) (token == null ? 0 : 1))
                    .put(Events.u256(token == null ? 0 : token)).array());
        }
        if (to.equals(TOKEN) && selector.equals(sel("balanceOf(address)"))) {
            return RpcFixture.returns(Events.u256(TOKEN_HELD));
        }
        if (to.equals(Events.CRED) && selector.equals(sel("ownerOf(uint256)"))) {
            String owner = s.owners.get(arg);
            return owner == null ? RpcFixture.reverts("UnknownToken") : RpcFixture.returns(Hex.decode(owner));
        }
        if (to.equals(Events.SUBS) && selector.equals(sel("getSubscription(uint256)"))) {
            String subscriber = s.subscribers.get(arg);
            ByteBuffer b = ByteBuffer.allocate(73);
            if (subscriber != null) {
                b.put(Events.u256(1)).put(Hex.decode(subscriber)).putLong(1_800_000_000L).put((byte) 0);
            }
            return RpcFixture.returns(b.array());
        }
        return null;
    }

    /** The argument-less reads: the subscriptions contract's {@code paymentToken()} and the token's {@code decimals()}. */
    private static ObjectNode token(String to, String selector) {
        if (to.equals(Events.SUBS) && selector.equals(sel("paymentToken()"))) {
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
