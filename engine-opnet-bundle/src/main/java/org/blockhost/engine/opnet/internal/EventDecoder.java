package org.blockhost.engine.opnet.internal;

import java.util.ArrayList;
import java.util.List;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.EventOrigin;

/**
 * Decodes the events of BlockHost's OPNet contracts. Layout (big-endian, as the runtime's BytesWriter
 * writes u256/u64; every event ≤ 352 bytes, the OPNet limit):
 *
 * <pre>
 * subscriptions contract
 *   SubscriptionCreated   u256 id, u256 planId, address subscriber(32), u64 expiresAt (unix s), accessKey(33)  = 137 B
 *   SubscriptionExtended  u256 id, address payer(32), u64 newExpiresAt                                        =  72 B
 *   SubscriptionCancelled u256 id                                                                              =  32 B
 * credential contract
 *   CredentialTransferred u256 tokenId, address from(32), address to(32) (from = 0: a mint, not reported)    =  96 B
 *   AccessKeyRotated      u256 tokenId, accessKey(33)                                                          =  65 B
 * </pre>
 *
 * Other event types of our contracts (plans, roles, withdrawals) are not chain events for core and are
 * skipped; events of other contracts and of reverted transactions are ignored. An event of a type above
 * whose data does not decode is an {@link UndecodableEventException}: the watcher halts on it, never skips it.
 */
final class EventDecoder {
    private static final String ZERO = "0x" + "00".repeat(32);

    private final String subscriptions;
    private final String credential;

    EventDecoder(String subscriptions, String credential) {
        this.subscriptions = OpnetAddressFormat.INSTANCE.normalise(subscriptions);
        this.credential = OpnetAddressFormat.INSTANCE.normalise(credential);
    }

    /** A watched event that does not decode. */
    static final class UndecodableEventException extends Exception {
        private static final long serialVersionUID = 1L;

        UndecodableEventException(String message) {
            super(message);
        }
    }

    /** The chain events of one block, in transaction and event order. */
    List<ChainEvent> decode(OpnetBlock block) throws UndecodableEventException {
        List<ChainEvent> out = new ArrayList<>();
        for (OpnetBlock.Tx tx : block.transactions()) {
            if (tx.reverted()) {
                continue;
            }
            int index = 0;
            for (OpnetBlock.Event e : tx.events()) {
                EventOrigin origin = new EventOrigin(block.height(), block.hash(), tx.id(), index++);
                ChainEvent decoded = decode(e, origin);
                if (decoded != null) {
                    out.add(decoded);
                }
            }
        }
        return out;
    }

    private ChainEvent decode(OpnetBlock.Event e, EventOrigin origin) throws UndecodableEventException {
        byte[] d = e.data();
        try {
            if (e.contract().equals(subscriptions)) {
                return subscriptionEvent(e.type(), d, origin);
            }
            if (e.contract().equals(credential)) {
                return credentialEvent(e.type(), d, origin);
            }
            return null;
        } catch (IllegalArgumentException ex) {
            throw undecodable(e, origin, ex.getMessage());
        }
    }

    private static ChainEvent subscriptionEvent(String type, byte[] d, EventOrigin o) {
        switch (type) {
            case "SubscriptionCreated":
                length(d, 137);
                return new ChainEvent.SubscriptionCreated(Words.u63(d, 0), Words.u63(d, 32), Words.address(d, 64),
                        Words.seconds(d, 96), Words.hex(d, 104, 137), o);
            case "SubscriptionExtended":
                length(d, 72);
                return new ChainEvent.SubscriptionExtended(Words.u63(d, 0), Words.seconds(d, 64), o);
            case "SubscriptionCancelled":
                length(d, 32);
                return new ChainEvent.SubscriptionCancelled(Words.u63(d, 0), o);
            default:
                return null;
        }
    }

    private static ChainEvent credentialEvent(String type, byte[] d, EventOrigin o) {
        switch (type) {
            case "CredentialTransferred":
                length(d, 96);
                String from = Words.address(d, 32);
                return from.equals(ZERO) ? null : new ChainEvent.CredentialTransferred(Words.u63(d, 0), from, Words.address(d, 64), o);
            case "AccessKeyRotated":
                length(d, 65);
                return new ChainEvent.AccessKeyRotated(Words.u63(d, 0), Words.hex(d, 32, 65), o);
            default:
                return null;
        }
    }

    private static void length(byte[] d, int expected) {
        if (d.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " bytes, got " + d.length);
        }
    }

    private static UndecodableEventException undecodable(OpnetBlock.Event e, EventOrigin o, String why) {
        return new UndecodableEventException(e.type() + " of " + e.contract() + " in block " + o.blockNumber() + " tx "
                + o.transactionHash() + " does not decode: " + why);
    }
}
