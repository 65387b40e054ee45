package org.blockhost.engine.api;

import java.util.Objects;

/**
 * Where a chain event was seen. Kept for audit and reorg handling only: core keys every effect by
 * business ids (subscription id, token id), never by log position.
 */
public record EventOrigin(long blockNumber, String blockHash, String transactionHash, int logIndex) {
    public EventOrigin {
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(transactionHash, "transactionHash");
        if (blockNumber < 0 || logIndex < 0) {
            throw new IllegalArgumentException("negative block number or log index");
        }
    }
}
