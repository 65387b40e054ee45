package org.blockhost.core.internal.inbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.engine.api.ChainCursor;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainEventSink;
import org.blockhost.engine.api.EventOrigin;

/**
 * Core's chain inbox: events and the engine's cursor are committed in one transaction; an event
 * already stored (same business key) changes nothing, unless a reorg had orphaned it, in which
 * case it is re-included. A purchase is re-included only when it is the same purchase (transaction,
 * buyer, plan, access key); a different one under the same id is a {@link PurchaseConflicts conflict}.
 */
public final class EventInbox implements ChainEventSink {
    private final Database db;
    private final Clock clock;
    private final Runnable onCommit;
    private final Consumer<List<ChainEvent.AdminCommand>> onAdmin;

    public EventInbox(Database db, Clock clock, Runnable onCommit) {
        this(db, clock, onCommit, commands -> { });
    }

    /**
     * @param onAdmin gets, after each commit, the admin commands that commit stored for the first
     *        time (with their plaintext, which is never stored): the place they are carried out
     */
    public EventInbox(Database db, Clock clock, Runnable onCommit, Consumer<List<ChainEvent.AdminCommand>> onAdmin) {
        this.db = db;
        this.clock = clock;
        this.onCommit = onCommit;
        this.onAdmin = onAdmin;
    }

    @Override
    public void commit(String engineId, List<ChainEvent> events, ChainCursor cursor) {
        requireEngine(engineId);
        Objects.requireNonNull(cursor, "cursor");
        List<ChainEvent> batch = List.copyOf(events);
        long now = clock.millis();
        List<ChainEvent.AdminCommand> fresh = new ArrayList<>();
        db.write(c -> {
            fresh.clear();
            for (ChainEvent e : batch) {
                if (store(c, engineId, e, now) && e instanceof ChainEvent.AdminCommand a) {
                    fresh.add(a);
                }
            }
            Sql.update(c, "INSERT INTO chain_cursors (engine_id, block_number, block_hash, updated_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (engine_id) DO UPDATE SET block_number = excluded.block_number,"
                    + " block_hash = excluded.block_hash, updated_at = excluded.updated_at",
                    engineId, cursor.blockNumber(), cursor.blockHash(), now);
            return null;
        });
        onCommit.run();
        if (!fresh.isEmpty()) {
            onAdmin.accept(List.copyOf(fresh));
        }
    }

    /** Stores one event; true when it was new (not a replay or re-inclusion). */
    private static boolean store(Connection c, String engineId, ChainEvent e, long now) throws SQLException {
        String key = EventCodec.key(e);
        Optional<Integer> orphaned = Sql.one(c, "SELECT orphaned FROM chain_events WHERE event_key = ?", r -> r.getInt(1), key);
        EventOrigin o = e.origin();
        if (orphaned.isPresent()) {
            if (orphaned.get() == 1 && e instanceof ChainEvent.SubscriptionCreated s
                    && !PurchaseConflicts.samePurchase(c, key, s)) {
                PurchaseConflicts.record(c, engineId, s, now);
            } else if (orphaned.get() == 1) {
                Sql.update(c, "UPDATE chain_events SET orphaned = 0, block_number = ?, block_hash = ?, tx_hash = ?,"
                        + " log_index = ? WHERE event_key = ?", o.blockNumber(), o.blockHash(), o.transactionHash(),
                        o.logIndex(), key);
                Audit.append(c, now, "chain", key, "re-included", "block " + o.blockNumber());
            }
            return false;
        }
        Sql.update(c, "INSERT INTO chain_events (event_key, engine_id, kind, subject, block_number, block_hash, tx_hash,"
                + " log_index, payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", key, engineId,
                EventCodec.kind(e), EventCodec.subject(e), o.blockNumber(), o.blockHash(), o.transactionHash(),
                o.logIndex(), EventCodec.encode(e), now);
        EventEffects.apply(c, engineId, e, now);
        return true;
    }

    @Override
    public Optional<ChainCursor> cursor(String engineId) {
        requireEngine(engineId);
        return db.read(c -> Sql.one(c, "SELECT block_number, block_hash FROM chain_cursors WHERE engine_id = ?",
                r -> new ChainCursor(r.getLong(1), r.getString(2)), engineId));
    }

    @Override
    public List<ChainEvent> reorg(String engineId, ChainCursor forkPoint) {
        requireEngine(engineId);
        long now = clock.millis();
        return db.write(c -> {
            List<Object[]> above = Sql.list(c, "SELECT event_key, kind, payload, block_number, block_hash, tx_hash, log_index,"
                    + " acted FROM chain_events WHERE engine_id = ? AND block_number > ? AND orphaned = 0"
                    + " ORDER BY block_number DESC, log_index DESC", r -> new Object[] {r.getString(1),
                        EventCodec.decode(r.getString(2), r.getString(3), new EventOrigin(r.getLong(4), r.getString(5),
                            r.getString(6), r.getInt(7))), r.getInt(8)}, engineId, forkPoint.blockNumber());
            List<ChainEvent> acted = new ArrayList<>();
            for (Object[] row : above) {
                ChainEvent e = (ChainEvent) row[1];
                if (PurchaseConflicts.isConflictKey((String) row[0])) {
                    Sql.update(c, "DELETE FROM chain_events WHERE event_key = ?", row[0]);
                    Audit.append(c, now, "chain", (String) row[0], "rolled back by reorg", "conflicting purchase no longer on chain");
                } else if ((Integer) row[2] == 1) {
                    Sql.update(c, "UPDATE chain_events SET orphaned = 1 WHERE event_key = ?", row[0]);
                    Audit.append(c, now, "chain", (String) row[0], "orphaned by reorg", "already acted on; kept");
                    acted.add(0, e);
                } else {
                    Sql.update(c, "DELETE FROM chain_events WHERE event_key = ?", row[0]);
                    EventEffects.rollBack(c, e, now);
                }
            }
            Sql.update(c, "UPDATE chain_cursors SET block_number = ?, block_hash = ?, updated_at = ? WHERE engine_id = ?",
                    forkPoint.blockNumber(), forkPoint.blockHash(), now, engineId);
            Audit.append(c, now, "chain", "engine " + engineId, "reorg", "fork point " + forkPoint.blockNumber()
                    + ", " + (above.size() - acted.size()) + " rolled back, " + acted.size() + " already acted on");
            return List.copyOf(acted);
        });
    }

    private static void requireEngine(String engineId) {
        if (engineId == null || engineId.isBlank()) {
            throw new IllegalArgumentException("engine id required");
        }
    }
}
