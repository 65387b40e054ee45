package org.blockhost.core.internal.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainEvent.AccessKeyRotated;
import org.blockhost.engine.api.ChainEvent.AdminCommand;
import org.blockhost.engine.api.ChainEvent.CredentialTransferred;
import org.blockhost.engine.api.ChainEvent.SubscriptionCancelled;
import org.blockhost.engine.api.ChainEvent.SubscriptionCreated;
import org.blockhost.engine.api.ChainEvent.SubscriptionExtended;
import org.blockhost.engine.api.EventOrigin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Business keys of chain events and their stored form. Keys never contain log positions: a
 * replayed or re-included event maps to the same row.
 */
final class EventCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventCodec() {
    }

    static String key(ChainEvent e) {
        if (e instanceof SubscriptionCreated c) {
            return "created:" + c.subscriptionId();
        } else if (e instanceof SubscriptionExtended x) {
            return "extended:" + x.subscriptionId() + ":" + x.newExpiry().getEpochSecond();
        } else if (e instanceof SubscriptionCancelled c) {
            return "cancelled:" + c.subscriptionId();
        } else if (e instanceof CredentialTransferred t) {
            return "transfer:" + t.tokenId() + ":" + t.origin().transactionHash() + ":" + t.to();
        } else if (e instanceof AccessKeyRotated k) {
            // each rotation is its own event: rotating A -> B -> A must reseal to A again
            return "accesskey:" + k.tokenId() + ":" + k.accessKey() + ":" + k.origin().transactionHash() + ":"
                    + k.origin().logIndex();
        }
        AdminCommand a = (AdminCommand) e;
        return "admin:" + a.sender() + ":" + a.nonce();
    }

    /** The subscription id, token id or admin nonce the event is about. */
    static long subject(ChainEvent e) {
        if (e instanceof SubscriptionCreated c) {
            return c.subscriptionId();
        } else if (e instanceof SubscriptionExtended x) {
            return x.subscriptionId();
        } else if (e instanceof SubscriptionCancelled c) {
            return c.subscriptionId();
        } else if (e instanceof CredentialTransferred t) {
            return t.tokenId();
        } else if (e instanceof AccessKeyRotated k) {
            return k.tokenId();
        }
        return ((AdminCommand) e).nonce();
    }

    static String kind(ChainEvent e) {
        return e.getClass().getSimpleName();
    }

    static String encode(ChainEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e instanceof SubscriptionCreated c) {
            m.put("id", c.subscriptionId());
            m.put("plan", c.planId());
            m.put("subscriber", c.subscriber());
            m.put("expires", c.expiresAt().getEpochSecond());
            m.put("key", c.accessKey());
        } else if (e instanceof SubscriptionExtended x) {
            m.put("id", x.subscriptionId());
            m.put("expires", x.newExpiry().getEpochSecond());
        } else if (e instanceof SubscriptionCancelled c) {
            m.put("id", c.subscriptionId());
        } else if (e instanceof CredentialTransferred t) {
            m.put("token", t.tokenId());
            m.put("from", t.from());
            m.put("to", t.to());
        } else if (e instanceof AccessKeyRotated k) {
            m.put("token", k.tokenId());
            m.put("key", k.accessKey());
        } else if (e instanceof AdminCommand a) {
            m.put("sender", a.sender());
            m.put("summary", AdminPayloads.summary(a.payload()));
            m.put("nonce", a.nonce());
        }
        try {
            return MAPPER.writeValueAsString(m);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static ChainEvent decode(String kind, String payload, EventOrigin o) {
        Map<String, Object> m;
        try {
            m = MAPPER.readValue(payload, new TypeReference<Map<String, Object>>() { });
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return switch (kind) {
            case "SubscriptionCreated" -> new SubscriptionCreated(num(m, "id"), num(m, "plan"), str(m, "subscriber"),
                    Instant.ofEpochSecond(num(m, "expires")), str(m, "key"), o);
            case "SubscriptionExtended" -> new SubscriptionExtended(num(m, "id"), Instant.ofEpochSecond(num(m, "expires")), o);
            case "SubscriptionCancelled" -> new SubscriptionCancelled(num(m, "id"), o);
            case "CredentialTransferred" -> new CredentialTransferred(num(m, "token"), str(m, "from"), str(m, "to"), o);
            case "AccessKeyRotated" -> new AccessKeyRotated(num(m, "token"), str(m, "key"), o);
            // the decrypted payload is never stored: a decoded admin command carries its summary
            case "AdminCommand" -> new AdminCommand(str(m, "sender"), m.containsKey("summary") ? str(m, "summary") : "{}",
                    num(m, "nonce"), o);
            default -> throw new IllegalStateException("unknown stored event kind " + kind);
        };
    }

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }

    private static String str(Map<String, Object> m, String k) {
        return (String) m.get(k);
    }
}
