package org.blockhost.engine.opnet.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blockhost.crypto.api.Hex;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.SubscriptionRecord;

/**
 * The credential tokens an OPNet address holds, for the buyer's "my servers" page. The credential contract has no
 * enumeration by owner, so the owners of tokens 1 .. totalSupply − 1 (token 0 is the admin credential) are read
 * with {@code ownerOf} at head − confirmations; that table is kept until the height changes (a Bitcoin block:
 * minutes), so requests between blocks cost one {@code btc_blockNumber}. More than {@link #MAX_TOKENS} tokens
 * is "unavailable" rather than an unbounded scan.
 */
final class OwnedServers {
    static final int MAX_TOKENS = 5000;

    /** One server as the page needs it: ids, plan, expiry (unix s), state, the sealed details and the registered key (hex). */
    record Server(long tokenId, long subscriptionId, long planId, long expiresAt, boolean cancelled, String credentials,
            String accessKey) {
    }

    private final OpnetRpc rpc;
    private final OpnetReads reads;
    private final int confirmations;
    private long tableHeight = -1;
    private String[] owners = new String[0];

    OwnedServers(OpnetRpc rpc, OpnetReads reads, int confirmations) {
        this.rpc = rpc;
        this.reads = reads;
        this.confirmations = confirmations;
    }

    /** The servers of {@code owner} (a normalised OPNet address), token ids ascending. */
    List<Server> of(String owner) throws ChainUnavailableException {
        long height = Math.max(0, rpc.blockNumber() - confirmations);
        String[] table = owners(height);
        List<Server> out = new ArrayList<>();
        for (int id = 1; id < table.length; id++) {
            if (owner.equals(table[id])) {
                out.add(server(id, height));
            }
        }
        return out;
    }

    private synchronized String[] owners(long height) throws ChainUnavailableException {
        if (height == tableHeight) {
            return owners;
        }
        long count = reads.totalSupply(height);
        if (count > MAX_TOKENS) {
            throw new ChainUnavailableException("more than " + MAX_TOKENS + " credential tokens to scan");
        }
        String[] table = new String[(int) count];
        for (int id = 1; id < count; id++) {
            table[id] = reads.ownerOf(id, height);
        }
        owners = table;
        tableHeight = height;
        return table;
    }

    private Server server(long tokenId, long height) throws ChainUnavailableException {
        long subscriptionId = reads.subscriptionOf(tokenId, height);
        Optional<SubscriptionRecord> s = reads.subscription(subscriptionId, height);
        return new Server(tokenId, subscriptionId, s.map(SubscriptionRecord::planId).orElse(0L),
                s.map(r -> r.expiresAt().getEpochSecond()).orElse(0L), s.map(SubscriptionRecord::cancelled).orElse(false),
                Hex.encode(reads.tokenBytes("getCredentials", tokenId, height)),
                Hex.encode(reads.tokenBytes("getAccessKey", tokenId, height)));
    }
}
