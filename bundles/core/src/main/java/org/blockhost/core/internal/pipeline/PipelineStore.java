package org.blockhost.core.internal.pipeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.blockhost.console.api.PipelineStatus;
import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;

/** Pipeline rows: due work, stage advances, failures, parking and operator retries. */
public class PipelineStore {
    private static final String JOB = "SELECT p.subscription_id, p.stage, p.attempts, s.plan_id, s.subscriber, s.access_key,"
            + " p.sealed_credentials, v.token_id, COALESCE(v.address, ''), COALESCE(v.ssh_port, 0), p.stage_entered_at,"
            + " p.created_at, p.outages, COALESCE((SELECT a.value FROM allocations a WHERE a.kind = 'ipv6' AND a.vm_name = v.name), ''),"
            + " COALESCE(v.name, ''), COALESCE(v.provisioner, '')"
            + " FROM pipeline p JOIN subscriptions s ON s.id = p.subscription_id"
            + " LEFT JOIN vms v ON v.subscription_id = p.subscription_id";

    private final Database db;

    public PipelineStore(Database db) {
        this.db = db;
    }

    /** The warm pool's rows, on the same store. */
    org.blockhost.core.internal.pool.PoolStore pool() {
        return new org.blockhost.core.internal.pool.PoolStore(db);
    }

    /** The VM's public port from core's allocations table (allocated on first use, kept until destroy). */
    int forwardPort(String vmName) {
        return db.write(c -> org.blockhost.core.internal.store.VmAllocations.allocate(c, vmName));
    }

    /** Ids of unparked subscriptions whose stage is in {@code stages} and whose next attempt is due. */
    List<Long> due(long now, Collection<Stage> stages, int limit) {
        if (stages.isEmpty()) {
            return List.of();
        }
        String in = stages.stream().map(s -> "'" + s.label() + "'").collect(Collectors.joining(","));
        return db.read(c -> Sql.list(c, "SELECT subscription_id FROM pipeline WHERE parked_reason IS NULL AND stage IN ("
                + in + ") AND next_attempt_at <= ? ORDER BY next_attempt_at, subscription_id LIMIT ?",
                r -> r.getLong(1), now, limit));
    }

    Optional<Job> load(long subscriptionId) {
        return db.read(c -> Sql.one(c, JOB + " WHERE p.subscription_id = ? AND p.parked_reason IS NULL",
                PipelineStore::job, subscriptionId));
    }

    private static Job job(ResultSet r) throws SQLException {
        return new Job(r.getLong(1), Stage.of(r.getString(2)), r.getInt(3), r.getLong(4), r.getString(5), r.getString(6),
                r.getBytes(7), Sql.nullableLong(r, "token_id"), r.getString(9), r.getInt(10), r.getLong(11), r.getLong(12),
                r.getInt(13), r.getString(14), r.getString(15), r.getString(16));
    }

    /** Records a successful stage: the stage's effects and the advance, in one transaction. */
    boolean advance(Job job, Outcome outcome, long now) {
        Stage to = job.stage().next();
        return db.write(c -> {
            int n = Sql.update(c, "UPDATE pipeline SET stage = ?, attempts = 0, outages = 0, last_error = NULL, next_attempt_at = ?,"
                    + " stage_entered_at = ?, updated_at = ?, completed_at = ? WHERE subscription_id = ? AND stage = ?"
                    + " AND parked_reason IS NULL", to.label(), now, now, now, to == Stage.ACTIVE ? now : null,
                    job.subscriptionId(), job.stage().label());
            if (n == 0) {
                return false;
            }
            outcome.effect().apply(c);
            Audit.append(c, now, "pipeline", "subscription " + job.subscriptionId(), to.label(), job.vmName());
            return true;
        });
    }

    /**
     * Records a failed attempt: retry at {@code nextAt}, or park when {@code park} is set. An
     * outage counts in {@code outages} (backoff only), never in {@code attempts} (the retry budget).
     */
    void fail(Job job, String reason, boolean park, long nextAt, long now, boolean outage) {
        String counter = outage ? "outages = outages + 1" : "attempts = attempts + 1";
        db.write(c -> {
            Sql.update(c, "UPDATE pipeline SET " + counter + ", last_error = ?, next_attempt_at = ?, updated_at = ?,"
                    + " parked_reason = ? WHERE subscription_id = ? AND stage = ?", reason, nextAt, now,
                    park ? reason : null, job.subscriptionId(), job.stage().label());
            if (park) {
                Audit.append(c, now, "pipeline", "subscription " + job.subscriptionId(), "parked at " + job.stage().label(), reason);
            }
            return null;
        });
    }

    /** Operator retry of a parked subscription; false when it is not parked. */
    public boolean retry(long subscriptionId, String actor, long now) {
        return db.write(c -> {
            int n = Sql.update(c, "UPDATE pipeline SET parked_reason = NULL, attempts = 0, outages = 0, next_attempt_at = ?, updated_at = ?"
                    + " WHERE subscription_id = ? AND parked_reason IS NOT NULL", now, now, subscriptionId);
            if (n > 0) {
                Audit.append(c, now, actor, "subscription " + subscriptionId, "retry", "operator retry of parked subscription");
            }
            return n > 0;
        });
    }

    /** Subscriptions not yet active, plus parked ones, by id. */
    public List<PipelineStatus.Entry> entries(boolean parkedOnly) {
        return db.read(c -> Sql.list(c, "SELECT subscription_id, stage, attempts, COALESCE(parked_reason, ''), updated_at"
                + " FROM pipeline WHERE " + (parkedOnly ? "parked_reason IS NOT NULL" : "stage <> 'active' OR parked_reason IS NOT NULL")
                + " ORDER BY subscription_id", r -> new PipelineStatus.Entry(r.getLong(1), r.getString(2), r.getInt(3),
                        r.getString(4), Instant.ofEpochMilli(r.getLong(5)))));
    }

    /** Counts for metrics: waiting (not active, not parked), parked. */
    public long[] depthAndParked() {
        return db.read(c -> new long[] {
            Sql.count(c, "SELECT COUNT(*) FROM pipeline WHERE stage <> 'active' AND parked_reason IS NULL"),
            Sql.count(c, "SELECT COUNT(*) FROM pipeline WHERE parked_reason IS NOT NULL")});
    }

}
