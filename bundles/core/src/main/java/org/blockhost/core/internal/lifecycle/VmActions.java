package org.blockhost.core.internal.lifecycle;

import java.time.Clock;

import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.active.PluginHandle;
import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.VmAllocations;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.MadeBy;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.provisioner.api.Provisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Suspend, resume and destroy of one VM: the fenced provisioner call, then the store change and
 * its audit entry in one transaction. Shared by the lifecycle and the operator commands.
 */
public final class VmActions {
    private static final Logger LOG = LoggerFactory.getLogger(VmActions.class);
    /** A resumed VM is active again once its pipeline finished, else it goes back to provisioning. */
    private static final String RESUMED_STATE = "CASE WHEN EXISTS (SELECT 1 FROM pipeline p WHERE p.subscription_id ="
            + " vms.subscription_id AND p.stage = 'active') THEN 'active' ELSE 'provisioning' END";

    private final Database db;
    private final ActivePlugins plugins;
    private final Fence fence;
    private final Clock clock;

    public VmActions(Database db, ActivePlugins plugins, Fence fence, Clock clock) {
        this.db = db;
        this.plugins = plugins;
        this.fence = fence;
        this.clock = clock;
    }

    /** Suspends the VM; {@code byOperator} keeps the lifecycle from resuming it while paid. */
    public void suspend(String name, String actor, String reason, boolean byOperator) throws FenceException {
        call("suspend", name, p -> p.suspend(name));
        markSuspended(name, actor, reason, byOperator);
    }

    /** Records the VM as suspended without a provisioner call (it is missing: nothing runs, nothing to keep). */
    public void markSuspended(String name, String actor, String reason, boolean byOperator) {
        record(name, actor, "suspended", reason, "UPDATE vms SET state = 'suspended', suspended_at = ?1, destroy_checks = 0,"
                + " operator_suspended = " + (byOperator ? 1 : 0) + ", updated_at = ?1 WHERE name = ?2");
    }

    /** Boots a stopped VM; the store's state is unchanged (the lifecycle judges paid or not). */
    public void start(String name, String actor, String reason) throws FenceException {
        call("start", name, p -> p.start(name));
        audit(name, actor, "started", reason);
    }

    /** Asks the guest to shut down; the store's state is unchanged. */
    public void stop(String name, String actor, String reason) throws FenceException {
        call("stop", name, p -> p.stop(name));
        audit(name, actor, "stopped", reason);
    }

    public void resume(String name, String actor, String reason) throws FenceException {
        call("resume", name, p -> p.resume(name));
        record(name, actor, "resumed", reason, "UPDATE vms SET state = " + RESUMED_STATE + ", suspended_at = NULL,"
                + " destroy_checks = 0, operator_suspended = 0, updated_at = ?1 WHERE name = ?2");
    }

    /**
     * Destroys the VM (irreversible). A pipeline that had not finished is parked, so it never
     * continues for a VM that is gone; the destroy is then reported to the chain by
     * {@link DestroyReporter}.
     */
    public void destroy(String name, String actor, String reason) throws FenceException {
        call("destroy", name, p -> p.destroy(name));
        long now = clock.millis();
        db.write(c -> {
            Sql.update(c, "UPDATE vms SET state = 'destroyed', destroy_checks = 0, destroy_reported = 0, updated_at = ?"
                    + " WHERE name = ?", now, name);
            Sql.update(c, "UPDATE pipeline SET parked_reason = ?, updated_at = ? WHERE stage <> 'active' AND parked_reason IS NULL"
                    + " AND subscription_id = (SELECT subscription_id FROM vms WHERE name = ?)", "VM " + name + " destroyed: "
                    + reason, now, name);
            markActed(c, name);
            VmAllocations.release(c, name);
            Audit.append(c, now, actor, name, "destroyed", reason);
            return null;
        });
        LOG.info("{}: {} destroyed ({})", actor, name, reason);
    }

    private void audit(String name, String actor, String action, String reason) {
        long now = clock.millis();
        db.write(c -> {
            Audit.append(c, now, actor, name, action, reason);
            return null;
        });
        LOG.info("{}: {} {} ({})", actor, name, action, reason);
    }

    private void record(String name, String actor, String action, String reason, String sql) {
        long now = clock.millis();
        db.write(c -> {
            Sql.update(c, sql, now, name);
            markActed(c, name);
            Audit.append(c, now, actor, name, action, reason);
            return null;
        });
        LOG.info("{}: {} {} ({})", actor, name, action, reason);
    }

    private static void markActed(java.sql.Connection c, String name) throws java.sql.SQLException {
        Sql.update(c, "UPDATE chain_events SET acted = 1 WHERE subject = (SELECT subscription_id FROM vms WHERE name = ?)"
                + " AND kind IN ('SubscriptionExtended', 'SubscriptionCancelled')", name);
    }

    private void call(String op, String name, ProvisionerCall call) throws FenceException {
        PluginHandle<Provisioner> p = plugins.provisioner()
                .orElseThrow(() -> new FenceException("no active provisioner to " + op + " " + name, true, true));
        String madeBy = db.read(c -> MadeBy.of(c, name));
        if (plugins.provisionerFor(madeBy).isEmpty()) {
            throw new FenceException("VM " + name + " was made by provisioner " + madeBy + ", which is not active (active: "
                    + p.id() + "): nothing was sent; it stays as it is until " + madeBy + " is back", false);
        }
        fence.call(p, "provisioner " + p.id() + " " + op + " " + name, () -> {
            call.run(p.service());
            return null;
        });
    }

    @FunctionalInterface
    private interface ProvisionerCall {
        void run(Provisioner p) throws Exception;
    }
}
