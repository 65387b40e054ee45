package org.blockhost.console.api;

import java.util.List;
import java.util.OptionalLong;

import org.osgi.annotation.versioning.ProviderType;

/** How far each engine's chain watcher has got, for the consoles. */
@ProviderType
public interface ChainStatus {

    /**
     * One engine's position.
     *
     * @param engine the engine id
     * @param cursorBlock the block the watcher committed last
     * @param headBlock the chain head the lifecycle read last (empty before the first read)
     */
    record Position(String engine, long cursorBlock, OptionalLong headBlock) {

        /** Head minus cursor (never negative); empty while the head is not known. */
        public OptionalLong lagBlocks() {
            return headBlock.isPresent() ? OptionalLong.of(Math.max(0, headBlock.getAsLong() - cursorBlock)) : OptionalLong.empty();
        }
    }

    /** Every engine with a committed cursor, ordered by engine id. */
    List<Position> positions();
}
