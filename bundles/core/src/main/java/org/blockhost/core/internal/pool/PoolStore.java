package org.blockhost.core.internal.pool;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.provisioner.api.VmInfo;

/**
 * The warm pool's rows ({@code pool_vms}, schema version 8). A row is {@code filling} from before
 * its create call until the guest finished its first boot, then {@code ready}; a purchase claims
 * one atomically ({@code assigning}, with its subscription id: one write transaction, so a VM is
 * never claimed twice) and the pipeline's stage commit makes it {@code assigned}.
 */
public final class PoolStore {
    /** Pool VM names: {@code blockhost-9} and 8 digits, a range no subscription of this host reaches. */
    public static final Pattern NAME = Pattern.compile("blockhost-9[0-9]{8}");
    public static final String FILLING = "filling";
    public static final String READY = "ready";
    public static final String ASSIGNING = "assigning";
    public static final String ASSIGNED = "assigned";
    private static final String COLUMNS = "SELECT name, plan_id, state, subscription_id, address, ssh_port, ipv6,"
            + " provisioner, template, template_build, created_at FROM pool_vms";
    /** A row of this provisioner: recorded with its id, or made before core recorded it (schema version 10). */
    private static final String OF_PROVISIONER = " (provisioner = ? OR provisioner = '') ";

    /**
     * One pool VM; {@code provisioner} made it ({@code ""}: before this was recorded), from template
     * {@code template} in its build {@code templateBuild} ({@code ""}: unknown).
     */
    public record PoolVm(String name, long planId, String state, Long subscriptionId, String address, int sshPort,
            String ipv6, String provisioner, String template, String templateBuild, long createdAt) {
    }

    /** Where a new pool VM comes from: the provisioner making it and the template build it boots. */
    public record Origin(String provisioner, String template, String templateBuild) {
    }

    private final Database db;

    public PoolStore(Database db) {
        this.db = db;
    }

    /**
     * Records a new VM being filled for the plan and returns its name (before anything is created).
     * A name a subscription's VM already has (made before pool names were kept apart) is skipped, so
     * the pool's create never adopts a buyer's VM.
     */
    public String addFilling(long planId, Origin origin, long now) {
        return db.write(c -> {
            while (true) {
                Sql.update(c, "INSERT INTO pool_vms (name, plan_id, state, provisioner, template, template_build, created_at,"
                        + " updated_at) VALUES ('', ?, ?, ?, ?, ?, ?, ?)", planId, FILLING, origin.provisioner(),
                        origin.template(), origin.templateBuild(), now, now);
                long id = Sql.count(c, "SELECT last_insert_rowid()");
                String name = String.format("blockhost-9%08d", id);
                if (Sql.count(c, "SELECT COUNT(*) FROM vms WHERE name = ?", name) == 0) {
                    Sql.update(c, "UPDATE pool_vms SET name = ? WHERE id = ?", name, id);
                    return name;
                }
                Sql.update(c, "DELETE FROM pool_vms WHERE id = ?", id); // AUTOINCREMENT: the id is never given again
            }
        });
    }

    /** The filling VM finished its first boot: a purchase may take it now. */
    public boolean markReady(String name, VmInfo info, long now) {
        return db.write(c -> Sql.update(c, "UPDATE pool_vms SET state = ?, address = ?, ssh_port = ?, ipv6 = ?, ready_at = ?,"
                + " updated_at = ? WHERE name = ? AND state = ?", READY, info.address(), info.sshPort(), info.ipv6(), now, now,
                name, FILLING) == 1);
    }

    /** Removes a filling or ready VM's row (before it is destroyed); false when a purchase claimed it meanwhile. */
    public boolean remove(String name) {
        return db.write(c -> Sql.update(c, "DELETE FROM pool_vms WHERE name = ? AND state IN (?, ?)", name, FILLING, READY) == 1);
    }

    /**
     * The pool VM claimed for this subscription: the one it claimed before (a resumed assignment),
     * else the oldest ready VM of its plan that this provisioner made, claimed in one write
     * transaction; empty when the pool has none (the cold path). A claim on a VM another provisioner
     * made (the provisioner was swapped meanwhile) goes back to ready for that one. Nothing is
     * written when there is nothing to claim.
     */
    public Optional<PoolVm> claim(long subscriptionId, long planId, String provisioner, long now) {
        long candidates = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM pool_vms WHERE (state = ? AND plan_id = ? AND"
                + OF_PROVISIONER + ") OR (state = ? AND subscription_id = ?)", READY, planId, provisioner, ASSIGNING,
                subscriptionId));
        if (candidates == 0) {
            return Optional.empty();
        }
        return db.write(c -> {
            Optional<PoolVm> mine = claimed(c, subscriptionId);
            if (mine.isPresent() && (mine.get().provisioner().isEmpty() || mine.get().provisioner().equals(provisioner))) {
                return mine;
            }
            if (mine.isPresent()) {
                Sql.update(c, "UPDATE pool_vms SET state = ?, subscription_id = NULL, claimed_at = NULL, updated_at = ?"
                        + " WHERE name = ?", READY, now, mine.get().name());
                audit(c, now, mine.get().name(), "released", "made by provisioner " + mine.get().provisioner()
                        + ", which is not active");
            }
            int n = Sql.update(c, "UPDATE pool_vms SET state = ?, subscription_id = ?, claimed_at = ?, updated_at = ?"
                    + " WHERE id = (SELECT id FROM pool_vms WHERE plan_id = ? AND state = ? AND" + OF_PROVISIONER
                    + "ORDER BY id LIMIT 1)", ASSIGNING, subscriptionId, now, now, planId, READY, provisioner);
            Optional<PoolVm> vm = n == 1 ? claimed(c, subscriptionId) : Optional.empty();
            if (vm.isPresent()) {
                audit(c, now, vm.get().name(), "claimed", "for subscription " + subscriptionId);
            }
            return vm;
        });
    }

    private static Optional<PoolVm> claimed(Connection c, long subscriptionId) throws SQLException {
        return Sql.one(c, COLUMNS + " WHERE state = ? AND subscription_id = ?", PoolStore::row, ASSIGNING, subscriptionId);
    }

    /** In the pipeline's stage transaction: the claimed VM is now the subscription's. */
    public static void complete(Connection c, String name, long subscriptionId, long now) throws SQLException {
        if (Sql.update(c, "UPDATE pool_vms SET state = ?, updated_at = ? WHERE name = ? AND state = ? AND subscription_id = ?",
                ASSIGNED, now, name, ASSIGNING, subscriptionId) != 1) {
            throw new SQLException("pool VM " + name + " is not claimed by subscription " + subscriptionId);
        }
        audit(c, now, name, "assigned", "to subscription " + subscriptionId);
    }

    /** A claimed VM that cannot be assigned (gone, or the provisioner refuses): dropped from the pool. */
    public void discard(String name, String why, long now) {
        db.write(c -> {
            if (Sql.update(c, "DELETE FROM pool_vms WHERE name = ? AND state = ?", name, ASSIGNING) == 1) {
                Sql.update(c, "DELETE FROM allocations WHERE vm_name = ?", name); // the public port taken for the buyer
                audit(c, now, name, "discarded", why);
            }
            return null;
        });
    }

    /**
     * Claims whose purchase no longer waits for a VM (reorged away before anything acted on it)
     * go back to ready: nothing of the buyer is on them yet (the owner comes after the mint, and the
     * next assignment sets host name and host keys again).
     */
    public int releaseOrphanedClaims(long now) {
        return db.write(c -> Sql.update(c, "UPDATE pool_vms SET state = ?, subscription_id = NULL, claimed_at = NULL,"
                + " updated_at = ? WHERE state = ? AND NOT EXISTS (SELECT 1 FROM pipeline p WHERE p.subscription_id ="
                + " pool_vms.subscription_id AND p.stage = 'received')", READY, now, ASSIGNING));
    }

    /** Pool VMs in a state, oldest first. */
    public List<PoolVm> inState(String state) {
        return db.read(c -> Sql.list(c, COLUMNS + " WHERE state = ? ORDER BY id", PoolStore::row, state));
    }

    /** The pool VMs not yet assigned that this provisioner made, oldest first. */
    public List<PoolVm> unassignedOf(String provisioner) {
        return db.read(c -> Sql.list(c, COLUMNS + " WHERE state <> ? AND" + OF_PROVISIONER + "ORDER BY id", PoolStore::row,
                ASSIGNED, provisioner));
    }

    /** Every pool VM not yet assigned, oldest first. */
    public List<PoolVm> unassigned() {
        return db.read(c -> Sql.list(c, COLUMNS + " WHERE state <> ? ORDER BY id", PoolStore::row, ASSIGNED));
    }

    /** Whether the store knows this VM: a pool row in any state, or a subscription's VM. */
    public boolean known(String name) {
        return db.read(c -> Sql.count(c, "SELECT (SELECT COUNT(*) FROM pool_vms WHERE name = ?)"
                + " + (SELECT COUNT(*) FROM vms WHERE name = ?)", name, name)) > 0;
    }

    /** Per plan, the number of VMs in each state (state → count). */
    public Map<Long, Map<String, Long>> counts() {
        return db.read(c -> {
            Map<Long, Map<String, Long>> out = new TreeMap<>();
            for (Object[] r : Sql.list(c, "SELECT plan_id, state, COUNT(*) FROM pool_vms GROUP BY plan_id, state",
                    r -> new Object[] {r.getLong(1), r.getString(2), r.getLong(3)})) {
                out.computeIfAbsent((Long) r[0], k -> new TreeMap<>()).put((String) r[1], (Long) r[2]);
            }
            return out;
        });
    }

    /** Purchases waiting for a VM now (not parked): the pool does not fill while there are any. */
    public long waitingPurchases() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM pipeline WHERE stage = 'received' AND parked_reason IS NULL"));
    }

    private static PoolVm row(ResultSet r) throws SQLException {
        return new PoolVm(r.getString(1), r.getLong(2), r.getString(3), Sql.nullableLong(r, "subscription_id"),
                r.getString(5), r.getInt(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.getLong(11));
    }

    private static void audit(Connection c, long now, String name, String action, String detail) throws SQLException {
        Audit.append(c, now, "pool", "vm " + name, action, detail);
    }
}
