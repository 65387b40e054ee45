package org.blockhost.core.internal.lifecycle;

import java.util.Optional;

import org.blockhost.core.internal.lifecycle.LifecycleRules.Action;
import org.blockhost.core.internal.lifecycle.LifecycleRules.Decision;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.engine.api.ChainHead;

/**
 * Reads what {@link LifecycleRules#confirmDestroy} needs before a DESTROY: the engine's committed
 * cursor and the subscription at finality ({@link ChainAtFinality}; any failure is "unknown"). A
 * later expiry on chain is written to the store at once, so the next pass resumes the VM.
 */
final class DestroyGuard {
    private final Database db;
    private final ChainAtFinality chain;
    private volatile long maxCursorLag;

    DestroyGuard(Database db, ChainAtFinality chain, long maxCursorLag) {
        this.db = db;
        this.chain = chain;
        this.maxCursorLag = maxCursorLag;
    }

    void maxCursorLag(long blocks) {
        this.maxCursorLag = blocks;
    }

    Decision confirm(Lifecycle.Row row, ChainHead head) {
        ChainAtFinality.Answer onChain = chain.read(row.subscriptionId());
        if (!onChain.known()) {
            return LifecycleRules.hold(row.facts(), onChain.why());
        }
        Optional<Long> cursor = db.read(c -> Sql.one(c, "SELECT block_number FROM chain_cursors WHERE engine_id ="
                + " (SELECT engine_id FROM subscriptions WHERE id = ?)", r -> r.getLong(1), row.subscriptionId()));
        Decision d = LifecycleRules.confirmDestroy(row.facts(), row.subscriber(), head, cursor, maxCursorLag,
                onChain.record());
        if (d.action() == Action.UPDATE_EXPIRY) {
            chain.correct(row, onChain.record().orElseThrow(), d.reason() + "; not destroyed");
        }
        return d;
    }
}
