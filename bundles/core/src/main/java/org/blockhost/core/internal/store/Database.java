package org.blockhost.core.internal.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded SQLite store: one writer connection (every write transaction is serialized by a
 * fair lock and runs {@code BEGIN IMMEDIATE}) and one reader connection (WAL lets it read while
 * the writer commits). Durability: {@code journal_mode=WAL}, {@code synchronous=FULL}.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final ReentrantLock readLock = new ReentrantLock(true);

    private Database(Path file, Connection writer, Connection reader) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
    }

    /** Opens (creating when missing) the database file and applies pending migrations. */
    public static Database open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            OwnerOnly.prepare(file);
            Connection writer = connect(file);
            pragma(writer, "PRAGMA journal_mode=WAL");
            OwnerOnly.restrictCompanions(file);
            Connection reader = connect(file);
            Database db = new Database(file, writer, reader);
            int version = db.write(Migrations::apply);
            LOG.info("store {} open at schema version {}", file, version);
            return db;
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("cannot open store " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties());
        pragma(c, "PRAGMA synchronous=FULL");
        pragma(c, "PRAGMA foreign_keys=ON");
        pragma(c, "PRAGMA busy_timeout=10000");
        return c;
    }

    private static void pragma(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} in one write transaction; rolls back when it throws. */
    public <T> T write(SqlFunction<T> work) {
        writeLock.lock();
        try {
            pragma(writer, "BEGIN IMMEDIATE");
            try {
                T result = work.apply(writer);
                pragma(writer, "COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                pragma(writer, "ROLLBACK");
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on the reader connection (a consistent snapshot per statement). */
    public <T> T read(SqlFunction<T> work) {
        readLock.lock();
        try {
            pragma(reader, "BEGIN");
            try {
                return work.apply(reader);
            } finally {
                pragma(reader, "COMMIT");
            }
        } catch (SQLException e) {
            throw new StoreException("read failed: " + e.getMessage(), e);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * An online, consistent copy of the whole database into a new file ({@code VACUUM INTO}) on a
     * connection of its own, so readers and the writer are not held up. The file is created first,
     * owner-only (0600) and exclusively: an existing file is never overwritten. A failed backup
     * leaves no file behind.
     */
    public void backup(Path target) {
        try {
            OwnerOnly.createNew(target);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IllegalArgumentException("backup target exists: " + target, e);
        } catch (java.io.IOException e) {
            throw new StoreException("backup failed: cannot create " + target + ": " + e.getMessage(), e);
        }
        try (Connection c = connect(file); PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
            s.setString(1, target.toString());
            s.execute();
        } catch (SQLException e) {
            deleteQuietly(target);
            throw new StoreException("backup failed: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (java.io.IOException e) {
            LOG.warn("cannot remove the failed backup {}: {}", p, e.getMessage());
        }
    }

    /** The schema version recorded in {@code schema_version}. */
    public int schemaVersion() {
        return read(Migrations::current);
    }

    @Override
    public void close() {
        writeLock.lock();
        readLock.lock();
        try {
            reader.close();
            writer.close();
        } catch (SQLException e) {
            LOG.warn("closing store: {}", e.getMessage());
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }
}
