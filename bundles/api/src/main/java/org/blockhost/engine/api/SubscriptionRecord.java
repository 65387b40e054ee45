package org.blockhost.engine.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A subscription as the chain itself holds it, read at a given block (the finalized one for
 * {@link Engine#finalizedSubscription}). Core compares it with its store before any irreversible
 * step: a renewal the watcher missed shows up here as a later expiry.
 *
 * @param subscriptionId the subscription's id
 * @param subscriber the buyer's address, canonical form
 * @param planId the plan bought
 * @param expiresAt expiry in chain time
 * @param cancelled whether the operator cancelled it on chain
 * @param block the block number the state was read at
 */
public record SubscriptionRecord(long subscriptionId, String subscriber, long planId, Instant expiresAt,
        boolean cancelled, long block) {
    public SubscriptionRecord {
        if (subscriptionId <= 0 || planId < 0 || block < 0) {
            throw new IllegalArgumentException("invalid subscription record " + subscriptionId);
        }
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
