package org.blockhost.core.internal.lifecycle;

import java.time.Clock;
import java.util.Optional;

import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.active.PluginHandle;
import org.blockhost.core.internal.inbox.PurchaseConflicts;
import org.blockhost.core.internal.inbox.PurchaseConflicts.Pending;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.SubscriptionRecord;
import org.blockhost.provisioner.api.Provisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a purchase that reused the id of a reorged one ({@link PurchaseConflicts}) once it is
 * final and the chain at finality names its buyer for that id: the reorged purchase's VM is
 * destroyed (never handed to the new buyer, never reported to the chain as the subscription's
 * destroy) and the new purchase takes the subscription's place. An admin hold on the old VM, an
 * unreadable chain or a chain that disagrees leaves everything as it is until the next pass.
 */
final class ConflictResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ConflictResolver.class);

    private final org.blockhost.core.internal.store.Database db;
    private final ActivePlugins plugins;
    private final Fence fence;
    private final Clock clock;

    ConflictResolver(org.blockhost.core.internal.store.Database db, ActivePlugins plugins, Fence fence, Clock clock) {
        this.db = db;
        this.plugins = plugins;
        this.fence = fence;
        this.clock = clock;
    }

    void tick(ChainHead head) {
        var engine = plugins.engine();
        var provisioner = plugins.provisioner();
        if (engine.isEmpty() || provisioner.isEmpty()) {
            return;
        }
        for (Pending p : PurchaseConflicts.finalPending(db, head.finalizedNumber())) {
            if (p.held()) {
                LOG.info("purchase conflict on {}: the old VM is held, the new purchase waits", p.vmName());
                continue;
            }
            try {
                if (chainNamesNewBuyer(engine.get(), p)) {
                    destroyOld(provisioner.get(), p);
                    PurchaseConflicts.supersede(db, p, clock.millis());
                    LOG.warn("subscription {}: reorged purchase replaced by tx {}", p.purchase().subscriptionId(),
                            p.purchase().origin().transactionHash());
                }
            } catch (FenceException e) {
                LOG.warn("purchase conflict on {} not resolved this pass: {}", p.vmName(), e.getMessage());
            }
        }
    }

    private boolean chainNamesNewBuyer(PluginHandle<Engine> engine, Pending p) throws FenceException {
        long id = p.purchase().subscriptionId();
        Optional<SubscriptionRecord> r = fence.call(engine, "engine " + engine.id() + " subscription " + id + " at finality",
                () -> engine.service().finalizedSubscription(id));
        boolean agrees = r != null && r.isPresent() && r.get().subscriber().equalsIgnoreCase(p.purchase().subscriber())
                && r.get().planId() == p.purchase().planId();
        if (!agrees) {
            LOG.info("purchase conflict on subscription {}: the chain at finality does not name the new buyer yet", id);
        }
        return agrees;
    }

    private void destroyOld(PluginHandle<Provisioner> p, Pending pending) throws FenceException {
        if ("destroyed".equals(pending.vmState())) {
            return;
        }
        String madeBy = db.read(c -> org.blockhost.core.internal.store.MadeBy.of(c, pending.vmName()));
        if (plugins.provisionerFor(madeBy).isEmpty()) {
            throw new FenceException("the old VM " + pending.vmName() + " was made by provisioner " + madeBy
                    + ", which is not active", true);
        }
        fence.call(p, "provisioner " + p.id() + " destroy " + pending.vmName(), () -> {
            p.service().destroy(pending.vmName());
            return null;
        });
    }
}
