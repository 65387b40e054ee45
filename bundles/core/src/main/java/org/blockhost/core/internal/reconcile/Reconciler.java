package org.blockhost.core.internal.reconcile;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.active.LoginWallets;
import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.MadeBy;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.provisioner.api.OwnerBinding;
import org.blockhost.provisioner.api.VmInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the hypervisor in line with the chain: NFT owner drift becomes a provisioner set-owner,
 * retried every pass until it succeeds. VMs in the store and on the hypervisor are compared and
 * differences reported; nothing is ever destroyed because of drift. VMs another provisioner made
 * (before a swap of provisioner bundles) are neither compared nor given owner changes: they are
 * reported as {@link Drift#elsewhere()}.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /**
     * Names only in the store (missing on the hypervisor), only on the hypervisor (unknown), and the
     * VMs another provisioner made (name to its id: left alone until it is active again).
     */
    public record Drift(Set<String> missing, Set<String> unknown, Map<String, String> elsewhere) {
        public Drift(Set<String> missing, Set<String> unknown) {
            this(missing, unknown, Map.of());
        }
    }

    private final Database db;
    private final ActivePlugins plugins;
    private final Fence fence;
    private final Clock clock;
    private volatile Drift drift = new Drift(Set.of(), Set.of());

    public Reconciler(Database db, ActivePlugins plugins, Fence fence, Clock clock) {
        this.db = db;
        this.plugins = plugins;
        this.fence = fence;
        this.clock = clock;
    }

    public Drift drift() {
        return drift;
    }

    public void tick() {
        checkOwners();
        pushOwners();
        compareInventory();
    }

    private void checkOwners() {
        var engine = plugins.engine();
        if (engine.isEmpty()) {
            return;
        }
        List<Object[]> vms = db.read(c -> Sql.list(c, "SELECT name, token_id, owner FROM vms WHERE token_id IS NOT NULL"
                + " AND state <> 'destroyed'", r -> new Object[] {r.getString(1), r.getLong(2), r.getString(3)}));
        for (Object[] vm : vms) {
            try {
                long token = (Long) vm[1];
                String owner = fence.call(engine.get(), "engine " + engine.get().id() + " ownerOf " + token,
                        () -> engine.get().service().credentials().ownerOf(token));
                if (owner != null && !owner.equals(vm[2])) {
                    long now = clock.millis();
                    db.write(c -> {
                        Sql.update(c, "UPDATE vms SET owner = ?, owner_synced = 0, updated_at = ? WHERE name = ?", owner, now, vm[0]);
                        Audit.append(c, now, "reconciler", (String) vm[0], "owner drift", vm[2] + " -> " + owner);
                        return null;
                    });
                }
            } catch (FenceException e) {
                LOG.info("reconciler: owner of {} unknown this round: {}", vm[0], e.getMessage());
            }
        }
    }

    private void pushOwners() {
        var provisioner = plugins.provisioner();
        var engine = plugins.engine();
        if (provisioner.isEmpty() || engine.isEmpty()) {
            return;
        }
        List<Object[]> pending = db.read(c -> Sql.list(c, "SELECT v.name, v.owner, v.token_id FROM vms v JOIN pipeline p"
                + " ON p.subscription_id = v.subscription_id WHERE p.stage = 'active' AND v.owner_synced = 0"
                + " AND v.token_id IS NOT NULL AND v.state <> 'destroyed' AND " + MadeBy.MINE,
                r -> new Object[] {r.getString(1), r.getString(2), r.getLong(3)}, provisioner.get().id()));
        for (Object[] vm : pending) {
            String name = (String) vm[0];
            try {
                OwnerBinding binding = new OwnerBinding(LoginWallets.of(engine.get(), fence, (String) vm[1]), (Long) vm[2]);
                fence.call(provisioner.get(), "provisioner set-owner " + name, () -> {
                    provisioner.get().service().setOwner(name, binding);
                    return null;
                });
                long now = clock.millis();
                db.write(c -> {
                    Sql.update(c, "UPDATE vms SET owner_synced = 1, updated_at = ? WHERE name = ? AND owner = ?", now, name, vm[1]);
                    Audit.append(c, now, "reconciler", name, "owner set", binding.gecos());
                    return null;
                });
            } catch (FenceException | IllegalArgumentException e) {
                LOG.warn("reconciler: set-owner of {} failed, retried next pass: {}", name, e.getMessage());
            }
        }
    }

    private void compareInventory() {
        var provisioner = plugins.provisioner();
        if (provisioner.isEmpty()) {
            return;
        }
        try {
            List<VmInfo> live = fence.call(provisioner.get(), "provisioner list", () -> provisioner.get().service().list());
            Set<String> hypervisor = new TreeSet<>();
            live.forEach(v -> hypervisor.add(v.name()));
            String active = provisioner.get().id();
            List<String> names = db.read(c -> Sql.list(c,
                    "SELECT name FROM vms v WHERE state IN ('provisioning', 'active', 'suspended') AND " + MadeBy.MINE,
                    r -> r.getString(1), active));
            Map<String, String> elsewhere = db.read(c -> MadeBy.elsewhere(c, active));
            Set<String> stored = new TreeSet<>(names);
            Set<String> missing = new TreeSet<>(stored);
            missing.removeAll(hypervisor);
            Set<String> unknown = new TreeSet<>(hypervisor);
            unknown.removeAll(stored);
            unknown.removeIf(name -> org.blockhost.core.internal.pool.PoolStore.NAME.matcher(name).matches()); // the warm pool's
            Drift now = new Drift(Set.copyOf(missing), Set.copyOf(unknown), elsewhere);
            if (!now.equals(drift) && (!missing.isEmpty() || !unknown.isEmpty())) {
                LOG.warn("VM drift: missing on hypervisor {}, unknown to the store {} (reported, nothing destroyed)", missing, unknown);
            }
            if (!elsewhere.isEmpty() && !elsewhere.equals(drift.elsewhere())) {
                LOG.warn("VMs made by a provisioner that is not active (provisioner {}): {}; left as they are, no lifecycle"
                        + " or owner change until it is back (reported, nothing destroyed)", active, elsewhere);
            }
            drift = now;
        } catch (FenceException e) {
            LOG.info("reconciler: hypervisor list unavailable: {}", e.getMessage());
        }
    }
}
