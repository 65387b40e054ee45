package org.blockhost.core.internal.lifecycle;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.active.PluginHandle;
import org.blockhost.core.internal.lifecycle.Convergence.Op;
import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.MadeBy;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.provisioner.api.Provisioner;
import org.blockhost.provisioner.api.VmStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each existing VM's actual state from the provisioner (fenced) and converges it with the
 * store's state ({@link Convergence}): a paid VM that is shut off, saved or paused (tenant
 * poweroff, host reboot) runs again; a suspended one that runs is suspended again. The store's
 * state and its operator flag are not changed; each correction is audited.
 */
final class Converger {
    private static final Logger LOG = LoggerFactory.getLogger(Converger.class);
    private static final String VMS = "SELECT name, state FROM vms v WHERE state IN ('provisioning', 'active', 'suspended')"
            + " AND " + MadeBy.MINE + " ORDER BY name";

    private final Database db;
    private final ActivePlugins plugins;
    private final Fence fence;
    private final Clock clock;

    Converger(Database db, ActivePlugins plugins, Fence fence, Clock clock) {
        this.db = db;
        this.plugins = plugins;
        this.fence = fence;
        this.clock = clock;
    }

    void tick() {
        Optional<PluginHandle<Provisioner>> p = plugins.provisioner();
        if (p.isEmpty()) {
            return;
        }
        List<String[]> vms = db.read(c -> Sql.list(c, VMS, r -> new String[] {r.getString(1), r.getString(2)}, p.get().id()));
        for (String[] vm : vms) {
            try {
                converge(p.get(), vm[0], vm[1]);
            } catch (FenceException e) {
                LOG.warn("lifecycle: converging {} failed, retried next round: {}", vm[0], e.getMessage());
            }
        }
    }

    /** The VM's actual state, fenced; {@code UNKNOWN} when there is no provisioner. */
    VmStatus status(String name) throws FenceException {
        Optional<PluginHandle<Provisioner>> p = plugins.provisioner();
        return p.isEmpty() ? VmStatus.UNKNOWN : status(p.get(), name);
    }

    private VmStatus status(PluginHandle<Provisioner> p, String name) throws FenceException {
        VmStatus s = fence.call(p, "provisioner " + p.id() + " status " + name, () -> p.service().status(name));
        return s == null ? VmStatus.UNKNOWN : s;
    }

    private void converge(PluginHandle<Provisioner> p, String name, String state) throws FenceException {
        VmStatus actual = status(p, name);
        Optional<Op> op = Convergence.plan(state, actual);
        if (op.isEmpty()) {
            return;
        }
        String what = "provisioner " + p.id() + " " + op.get().name().toLowerCase() + " " + name;
        fence.call(p, what, () -> {
            switch (op.get()) {
                case START -> p.service().start(name);
                case RESUME -> p.service().resume(name);
                case SUSPEND -> p.service().suspend(name);
            }
            return null;
        });
        String action = op.get() == Op.SUSPEND ? "suspended again" : "started again";
        String reason = "wanted " + (op.get() == Op.SUSPEND ? "suspended" : "running") + ", was "
                + actual.name().toLowerCase().replace('_', ' ');
        long now = clock.millis();
        db.write(c -> {
            Audit.append(c, now, "lifecycle", name, action, reason);
            return null;
        });
        LOG.info("lifecycle: {} {} ({})", name, action, reason);
    }
}
