package org.blockhost.engine.api;

import java.util.Objects;

/**
 * How far an engine's watcher has processed the chain: the last fully processed block and its
 * hash (the hash lets the watcher detect a reorg below the cursor after a restart).
 */
public record ChainCursor(long blockNumber, String blockHash) {
    public ChainCursor {
        Objects.requireNonNull(blockHash, "blockHash");
        if (blockNumber < 0) {
            throw new IllegalArgumentException("negative block number " + blockNumber);
        }
    }
}
