package org.blockhost.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations. Each entry is applied once, in order, in the opening transaction;
 * {@code schema_version} records what was applied. Never edit an applied entry: append a new one.
 */
final class Migrations {

    private static final List<String[]> STEPS = List.<String[]>of(new String[] {
        """
        CREATE TABLE chain_cursors (engine_id TEXT PRIMARY KEY, block_number INTEGER NOT NULL,
            block_hash TEXT NOT NULL, updated_at INTEGER NOT NULL)""",
        """
        CREATE TABLE chain_events (event_key TEXT PRIMARY KEY, engine_id TEXT NOT NULL, kind TEXT NOT NULL,
            subject INTEGER NOT NULL, block_number INTEGER NOT NULL, block_hash TEXT NOT NULL,
            tx_hash TEXT NOT NULL, log_index INTEGER NOT NULL, payload TEXT NOT NULL,
            acted INTEGER NOT NULL DEFAULT 0, orphaned INTEGER NOT NULL DEFAULT 0, received_at INTEGER NOT NULL)""",
        "CREATE INDEX chain_events_block ON chain_events (engine_id, block_number)",
        """
        CREATE TABLE subscriptions (id INTEGER PRIMARY KEY, engine_id TEXT NOT NULL, plan_id INTEGER NOT NULL,
            subscriber TEXT NOT NULL, access_key TEXT NOT NULL, expires_at INTEGER NOT NULL,
            expiry_block INTEGER NOT NULL, cancelled INTEGER NOT NULL DEFAULT 0, received_at INTEGER NOT NULL)""",
        """
        CREATE TABLE pipeline (subscription_id INTEGER PRIMARY KEY REFERENCES subscriptions(id),
            stage TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL,
            parked_reason TEXT, last_error TEXT, sealed_credentials BLOB, created_at INTEGER NOT NULL,
            stage_entered_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, completed_at INTEGER)""",
        "CREATE INDEX pipeline_due ON pipeline (stage, next_attempt_at)",
        """
        CREATE TABLE vms (name TEXT PRIMARY KEY, subscription_id INTEGER NOT NULL UNIQUE REFERENCES subscriptions(id),
            owner TEXT NOT NULL, token_id INTEGER, state TEXT NOT NULL, address TEXT NOT NULL DEFAULT '',
            ssh_port INTEGER NOT NULL DEFAULT 0, held INTEGER NOT NULL DEFAULT 0, owner_synced INTEGER NOT NULL DEFAULT 0,
            suspended_at INTEGER, destroy_checks INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL)""",
        """
        CREATE TABLE allocations (kind TEXT NOT NULL, value TEXT NOT NULL, vm_name TEXT NOT NULL,
            PRIMARY KEY (kind, value))""",
        """
        CREATE TABLE admin_nonces (sender TEXT NOT NULL, nonce INTEGER NOT NULL, payload TEXT NOT NULL,
            handled INTEGER NOT NULL DEFAULT 0, seen_at INTEGER NOT NULL, PRIMARY KEY (sender, nonce))""",
        """
        CREATE TABLE finalization_state (step_id TEXT PRIMARY KEY, status TEXT NOT NULL, detail TEXT,
            updated_at INTEGER NOT NULL)""",
        """
        CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor TEXT NOT NULL,
            subject TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '')""",
    }, new String[] {
        // version 2: credentials waiting to be re-encrypted after an access-key rotation
        "ALTER TABLE vms ADD COLUMN reseal_pending INTEGER NOT NULL DEFAULT 0",
    }, new String[] {
        // version 3: outages apart from the retry budget, reseal rate limit, destroy reported to the
        // engine, purchases that replaced a reorged one under the same id, no admin plaintext at rest
        "ALTER TABLE pipeline ADD COLUMN outages INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE vms ADD COLUMN resealed_at INTEGER",
        "ALTER TABLE vms ADD COLUMN destroy_reported INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE vms ADD COLUMN operator_suspended INTEGER NOT NULL DEFAULT 0",
        """
        CREATE TABLE superseded (id INTEGER PRIMARY KEY AUTOINCREMENT, subscription_id INTEGER NOT NULL,
            vm_name TEXT NOT NULL, subscriber TEXT NOT NULL, plan_id INTEGER NOT NULL, token_id INTEGER,
            tx_hash TEXT NOT NULL, superseded_by_tx TEXT NOT NULL, at INTEGER NOT NULL)""",
        "UPDATE admin_nonces SET payload = '{\"redacted\":true}'",
        "UPDATE chain_events SET payload = json_remove(payload, '$.payload') WHERE kind = 'AdminCommand'",
    }, new String[] {
        // version 4: the guest reported its first boot finished (ready for login), with its SSH host key
        "ALTER TABLE vms ADD COLUMN ready_at INTEGER",
        "ALTER TABLE vms ADD COLUMN host_key TEXT NOT NULL DEFAULT ''",
    }, new String[] {
        // version 5: admin commands carried out exactly once with their result; knocks and their expiry
        "ALTER TABLE admin_nonces ADD COLUMN status TEXT NOT NULL DEFAULT 'received'",
        "ALTER TABLE admin_nonces ADD COLUMN result TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE admin_nonces ADD COLUMN finished_at INTEGER",
        "UPDATE admin_nonces SET status = 'not run', result = 'received before admin commands were carried out'",
        """
        CREATE TABLE knocks (id INTEGER PRIMARY KEY AUTOINCREMENT, sender TEXT NOT NULL, nonce INTEGER NOT NULL,
            proto TEXT NOT NULL, port INTEGER NOT NULL, source TEXT NOT NULL, opened_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL, closed_at INTEGER)""",
        "CREATE INDEX knocks_open ON knocks (closed_at, expires_at)",
    }, new String[] {
        // version 6: expiry warnings delivered in the guest, per expiry (banner with its renew URL, walls at 3 d and 1 d)
        "ALTER TABLE vms ADD COLUMN notice_banner TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE vms ADD COLUMN notice_wall3 INTEGER",
        "ALTER TABLE vms ADD COLUMN notice_wall1 INTEGER",
    }, new String[] {
        // version 7: fund manager runs and their transfers, each recorded before it is sent (never paid twice)
        """
        CREATE TABLE fund_runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at INTEGER NOT NULL,
            finished_at INTEGER, state TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '')""",
        """
        CREATE TABLE fund_transfers (run_id INTEGER NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL,
            role TEXT NOT NULL, to_address TEXT NOT NULL, asset TEXT NOT NULL, amount TEXT NOT NULL,
            state TEXT NOT NULL, tx_hash TEXT, nonce INTEGER, updated_at INTEGER NOT NULL,
            PRIMARY KEY (run_id, seq))""",
    }, new String[] {
        // version 8: the warm pool: booted VMs per plan waiting for a buyer (filling, ready, assigning, assigned)
        """
        CREATE TABLE pool_vms (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE,
            plan_id INTEGER NOT NULL, state TEXT NOT NULL, subscription_id INTEGER,
            address TEXT NOT NULL DEFAULT '', ssh_port INTEGER NOT NULL DEFAULT 0, ipv6 TEXT NOT NULL DEFAULT '',
            created_at INTEGER NOT NULL, ready_at INTEGER, claimed_at INTEGER, updated_at INTEGER NOT NULL)""",
        "CREATE INDEX pool_vms_plan_state ON pool_vms (plan_id, state)",
        "CREATE UNIQUE INDEX pool_vms_one_claim ON pool_vms (subscription_id) WHERE state = 'assigning'",
    }, new String[] {
        // version 9: the provisioner that made each VM ('' = made before this was recorded: the active one's)
        "ALTER TABLE vms ADD COLUMN provisioner TEXT NOT NULL DEFAULT ''",
    }, new String[] {
        // version 10: the provisioner that made each pool VM and the template build it was made from ('' = before)
        "ALTER TABLE pool_vms ADD COLUMN provisioner TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE pool_vms ADD COLUMN template TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE pool_vms ADD COLUMN template_build TEXT NOT NULL DEFAULT ''",
    }, new String[] {
        // version 11: the purchase of a transaction (GET /api/public/purchase/tx/{hash}) without a scan of chain_events
        "CREATE INDEX chain_events_tx ON chain_events (lower(tx_hash))",
    });

    private Migrations() {
    }

    static int latest() {
        return STEPS.size();
    }

    /** Applies every step above the recorded version; returns the version reached. */
    static int apply(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
        }
        int version = current(c);
        for (int v = version + 1; v <= STEPS.size(); v++) {
            try (Statement s = c.createStatement()) {
                for (String sql : STEPS.get(v - 1)) {
                    s.execute(sql);
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version VALUES (?, ?)")) {
                p.setInt(1, v);
                p.setLong(2, System.currentTimeMillis());
                p.executeUpdate();
            }
        }
        return Math.max(version, STEPS.size());
    }

    static int current(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }
}
