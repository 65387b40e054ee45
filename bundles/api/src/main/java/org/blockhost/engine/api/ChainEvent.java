package org.blockhost.engine.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A decoded chain event handed to core through {@link ChainEventSink}. Addresses are in the
 * engine's canonical form; byte strings are lowercase hex without {@code 0x}.
 */
public sealed interface ChainEvent {

    /** Where the event was seen. */
    EventOrigin origin();

    /** A purchase. {@code accessKey} is the buyer's public key (33 bytes compressed, hex). */
    record SubscriptionCreated(long subscriptionId, long planId, String subscriber, Instant expiresAt,
            String accessKey, EventOrigin origin) implements ChainEvent {
        public SubscriptionCreated {
            requirePositive(subscriptionId, "subscriptionId");
            requirePositive(planId, "planId");
            Objects.requireNonNull(subscriber, "subscriber");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Hex.require(accessKey, "accessKey");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** A renewal; {@code newExpiry} replaces the previous expiry. */
    record SubscriptionExtended(long subscriptionId, Instant newExpiry, EventOrigin origin) implements ChainEvent {
        public SubscriptionExtended {
            requirePositive(subscriptionId, "subscriptionId");
            Objects.requireNonNull(newExpiry, "newExpiry");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** A cancellation by the operator on chain: suspend, then destroy after the grace period. */
    record SubscriptionCancelled(long subscriptionId, EventOrigin origin) implements ChainEvent {
        public SubscriptionCancelled {
            requirePositive(subscriptionId, "subscriptionId");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** An access credential changed hands. */
    record CredentialTransferred(long tokenId, String from, String to, EventOrigin origin) implements ChainEvent {
        public CredentialTransferred {
            if (tokenId < 0) {
                throw new IllegalArgumentException("negative tokenId");
            }
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** The credential's owner registered a new access key (hex); credentials are re-encrypted to it. */
    record AccessKeyRotated(long tokenId, String accessKey, EventOrigin origin) implements ChainEvent {
        public AccessKeyRotated {
            if (tokenId < 0) {
                throw new IllegalArgumentException("negative tokenId");
            }
            Hex.require(accessKey, "accessKey");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** A decrypted admin command from the admin credential's holder; {@code payload} is JSON. */
    record AdminCommand(String sender, String payload, long nonce, EventOrigin origin) implements ChainEvent {
        public AdminCommand {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(origin, "origin");
        }
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
