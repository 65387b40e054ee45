package org.blockhost.engine.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Core's inbox for chain events. An engine's watcher delivers decoded events together with the
 * cursor they bring it to; core stores both atomically, so a crash can neither lose events nor
 * advance the cursor past unstored ones.
 *
 * <p>Idempotency: every event is keyed by its business key (subscription id, token id, admin
 * nonce); committing the same batch twice changes nothing. Threading: thread-safe; an engine
 * normally calls it from its single watcher thread.
 */
@ProviderType
public interface ChainEventSink {

    /**
     * Stores the events (in order) and the new cursor in one transaction.
     *
     * @param engineId the committing engine's id
     * @param events decoded events, oldest first; may be empty to just advance the cursor
     * @param cursor the last block fully covered by {@code events}
     * @throws IllegalStateException when the store cannot commit; nothing was stored then
     */
    void commit(String engineId, List<ChainEvent> events, ChainCursor cursor);

    /** The last committed cursor of an engine, empty before the first commit. */
    Optional<ChainCursor> cursor(String engineId);

    /**
     * Handles a reorg: effects of events above {@code forkPoint} that were not yet acted on are
     * rolled back and the cursor is reset to {@code forkPoint}. Events above it that were already
     * acted on are returned; core turns them into lifecycle decisions (suspend until re-included),
     * never into silent deletes.
     *
     * @return the already acted-on events above the fork point
     */
    List<ChainEvent> reorg(String engineId, ChainCursor forkPoint);
}
