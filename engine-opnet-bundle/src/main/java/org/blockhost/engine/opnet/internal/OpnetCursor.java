package org.blockhost.engine.opnet.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blockhost.engine.api.ChainCursor;

/**
 * The watcher's persisted position: height, block hash and the block's checksum root (OPNet's commitment to
 * the block's state and receipts; a block re-executed differently keeps its Bitcoin hash but not its
 * checksum). Core stores {@link ChainCursor#blockHash()} as opaque text, so both go there as
 * {@code <hash>:<checksumRoot>} (64 lowercase hex each).
 */
record OpnetCursor(long height, String hash, String checksum) {
    private static final Pattern TEXT = Pattern.compile("([0-9a-f]{64}):([0-9a-f]{64})");

    static OpnetCursor of(OpnetBlock block) {
        return new OpnetCursor(block.height(), block.hash(), block.checksumRoot());
    }

    /** Parses a cursor this engine committed; anything else is refused (another engine's cursor, a corrupt row). */
    static OpnetCursor parse(ChainCursor cursor) {
        Matcher m = TEXT.matcher(cursor.blockHash());
        if (!m.matches()) {
            throw new IllegalStateException("stored OPNet cursor at block " + cursor.blockNumber()
                    + " is not <hash>:<checksum>");
        }
        return new OpnetCursor(cursor.blockNumber(), m.group(1), m.group(2));
    }

    ChainCursor toChainCursor() {
        return new ChainCursor(height, hash + ":" + checksum);
    }

    boolean matches(OpnetBlock block) {
        return block.height() == height && block.hash().equals(hash) && block.checksumRoot().equals(checksum);
    }
}
