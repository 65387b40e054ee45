package org.blockhost.engine.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A view of the chain tip.
 *
 * @param number latest block number
 * @param hash latest block hash
 * @param finalizedNumber newest block the chain reports as final (or head minus the configured
 *     depth where the chain has no finality tag)
 * @param timestamp the latest block's timestamp (chain time, which is what expiry is measured in)
 */
public record ChainHead(long number, String hash, long finalizedNumber, Instant timestamp) {
    public ChainHead {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(timestamp, "timestamp");
        if (number < 0 || finalizedNumber < 0 || finalizedNumber > number) {
            throw new IllegalArgumentException("inconsistent head " + number + " / finalized " + finalizedNumber);
        }
    }
}
