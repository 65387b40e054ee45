package org.blockhost.core.internal.funds;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;

/**
 * The fund manager's runs and transfers in core's store (schema version 7). A transfer is
 * {@code planned} before anything is sent, {@code signed} (hash and nonce) before it is broadcast,
 * then {@code paid} or {@code failed}; every change is one committed transaction.
 */
public final class FundStore {
    /** A run: {@code open} until it ends {@code done}, {@code held}, {@code failed} or {@code refused}. */
    public record Run(long id, long startedAt, Long finishedAt, String state, String detail) {
    }

    /** One transfer (kind {@code withdraw} or {@code transfer}); amount in the asset's smallest unit. */
    public record Transfer(long runId, int seq, String kind, String role, String to, String asset, BigInteger amount,
            String state, String hash, Long nonce) {
    }

    private final Database db;
    private final Clock clock;

    public FundStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public long newRun() {
        return db.write(c -> {
            Sql.update(c, "INSERT INTO fund_runs (started_at, state) VALUES (?, 'open')", clock.millis());
            return Sql.one(c, "SELECT last_insert_rowid()", r -> r.getLong(1)).orElseThrow();
        });
    }

    public Optional<Run> openRun() {
        return db.read(c -> Sql.one(c, "SELECT * FROM fund_runs WHERE state = 'open' ORDER BY id LIMIT 1", FundStore::run));
    }

    public List<Run> recentRuns(int limit) {
        return db.read(c -> Sql.list(c, "SELECT * FROM fund_runs ORDER BY id DESC LIMIT ?", FundStore::run, limit));
    }

    public void finish(long runId, String state, String detail) {
        db.write(c -> Sql.update(c, "UPDATE fund_runs SET state = ?, detail = ?, finished_at = ? WHERE id = ?",
                state, detail, clock.millis(), runId));
    }

    public void note(long runId, String detail) {
        db.write(c -> Sql.update(c, "UPDATE fund_runs SET detail = ? WHERE id = ?", detail, runId));
    }

    /** Records every transfer of a run as planned, in one transaction. */
    public void plan(long runId, List<Transfer> transfers) {
        db.write(c -> {
            int seq = Sql.list(c, "SELECT COALESCE(MAX(seq), -1) FROM fund_transfers WHERE run_id = ?",
                    r -> r.getInt(1), runId).get(0);
            for (Transfer t : transfers) {
                Sql.update(c, "INSERT INTO fund_transfers (run_id, seq, kind, role, to_address, asset, amount, state,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'planned', ?)", runId, ++seq, t.kind(), t.role(),
                        t.to(), t.asset(), t.amount().toString(), clock.millis());
            }
            return null;
        });
    }

    public List<Transfer> transfers(long runId) {
        return db.read(c -> Sql.list(c, "SELECT * FROM fund_transfers WHERE run_id = ? ORDER BY seq",
                FundStore::transfer, runId));
    }

    /** The signed transaction's hash and nonce, committed before it is broadcast. */
    public void signed(Transfer t, String hash, Long nonce) {
        set(t, "signed", hash, nonce);
    }

    public void settle(Transfer t, String state) {
        set(t, state, t.hash(), t.nonce());
    }

    /** The recorded transaction can never be mined: plan the transfer again. */
    public void replan(Transfer t) {
        set(t, "planned", null, null);
    }

    private void set(Transfer t, String state, String hash, Long nonce) {
        db.write(c -> Sql.update(c, "UPDATE fund_transfers SET state = ?, tx_hash = ?, nonce = ?, updated_at = ?"
                + " WHERE run_id = ? AND seq = ?", state, hash, nonce, clock.millis(), t.runId(), t.seq()));
    }

    private static Run run(ResultSet r) throws SQLException {
        return new Run(r.getLong("id"), r.getLong("started_at"), Sql.nullableLong(r, "finished_at"), r.getString("state"),
                r.getString("detail"));
    }

    private static Transfer transfer(ResultSet r) throws SQLException {
        return new Transfer(r.getLong("run_id"), r.getInt("seq"), r.getString("kind"), r.getString("role"),
                r.getString("to_address"), r.getString("asset"), new BigInteger(r.getString("amount")),
                r.getString("state"), r.getString("tx_hash"), Sql.nullableLong(r, "nonce"));
    }
}
