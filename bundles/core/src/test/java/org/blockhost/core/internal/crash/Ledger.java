package org.blockhost.core.internal.crash;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.blockhost.core.internal.store.Sql;

/**
 * The outside world of the crash test (hypervisor and chain), kept in its own SQLite file so it
 * survives SIGKILL of the runtime: every effect is recorded by business key.
 */
final class Ledger implements AutoCloseable {
    private final Connection c;

    Ledger(Path file) throws SQLException {
        c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("CREATE TABLE IF NOT EXISTS vms (name TEXT PRIMARY KEY, create_calls INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS mints (sub INTEGER PRIMARY KEY, token INTEGER NOT NULL, calls INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS assigns (name TEXT PRIMARY KEY, host TEXT NOT NULL, calls INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS owners (name TEXT PRIMARY KEY, gecos TEXT NOT NULL, calls INTEGER NOT NULL)");
        }
    }

    synchronized void created(String name) throws SQLException {
        Sql.update(c, "INSERT INTO vms VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET create_calls = create_calls + 1", name);
    }

    /** Idempotent mint: the existing token, or a new one (token = subscription id + 1000). */
    synchronized long mint(long sub) throws SQLException {
        Sql.update(c, "INSERT INTO mints VALUES (?, ?, 1) ON CONFLICT (sub) DO UPDATE SET calls = calls + 1", sub, sub + 1000);
        return Sql.count(c, "SELECT token FROM mints WHERE sub = ?", sub);
    }

    /** A pool VM given to a buyer's host name; a second, different buyer is recorded as {@code CONFLICT}. */
    synchronized void assigned(String name, String host) throws SQLException {
        Sql.update(c, "INSERT INTO assigns VALUES (?, ?, 1) ON CONFLICT (name) DO UPDATE SET calls = calls + 1,"
                + " host = CASE WHEN host = excluded.host THEN host ELSE 'CONFLICT' END", name, host);
    }

    synchronized void owner(String name, String gecos) throws SQLException {
        Sql.update(c, "INSERT INTO owners VALUES (?, ?, 1) ON CONFLICT (name) DO UPDATE SET gecos = excluded.gecos,"
                + " calls = calls + 1", name, gecos);
    }

    synchronized long count(String sql, Object... args) throws SQLException {
        return Sql.count(c, sql, args);
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
