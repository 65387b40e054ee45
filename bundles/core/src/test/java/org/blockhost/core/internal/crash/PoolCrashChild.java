package org.blockhost.core.internal.crash;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.blockhost.core.internal.pool.PoolFiller;
import org.blockhost.core.internal.pool.PoolSizes;
import org.blockhost.core.internal.pool.PoolStore;
import org.blockhost.core.internal.testing.Harness;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.api.VmStatus;

/**
 * The crash-test child with a warm pool of {@link #POOL} VMs filled before the purchases (no
 * markers while filling): besides {@link CrashChild}'s markers it prints {@code CLAIMED n received}
 * when the assignment starts (the claim is committed) and {@code ASSIGNED n received} after the
 * assignment's effect, before the stage commit. Args: stateDir ledgerFile subscriptions.
 */
public final class PoolCrashChild {
    static final int POOL = 3;

    private PoolCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Ledger ledger = new Ledger(Path.of(args[1]));
        int n = Integer.parseInt(args[2]);
        Harness h = new Harness(Path.of(args[0]), Duration.ofSeconds(5));
        h.bindAll(new CrashChild.LedgerEngine(ledger), new PoolProvisioner(ledger), new CrashChild.MarkingSealer());
        PoolStore pool = new PoolStore(h.db);
        PoolFiller filler = new PoolFiller(pool, h.plugins, h.fence, () -> h.plans, () -> Harness.fast(4, 1000));
        PoolSizes sizes = PoolSizes.parse(new String[] {"1:" + POOL});
        boolean first = h.count("SELECT COUNT(*) FROM chain_events") == 0;
        do {
            filler.pass(sizes); // a restart: releases orphaned claims; the waiting purchases stop any refill
        } while (first && pool.inState(PoolStore.READY).size() < POOL);
        List<ChainEvent> batch = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            batch.add(Harness.created(i, 1, 10 + i));
        }
        h.commit(batch, 10 + n);
        h.start(Harness.fast(4, 1000), (id, from, to) -> CrashChild.mark("BOUNDARY " + id + " " + to.label()));
        while (h.count("SELECT COUNT(*) FROM pipeline WHERE stage = 'active'") < n) {
            Thread.sleep(20);
        }
        System.out.println("ALLDONE");
        System.out.flush();
        System.exit(0);
    }

    /** The ledger provisioner that keeps pool VMs (created without markers) and assigns them. */
    static final class PoolProvisioner extends CrashChild.LedgerProvisioner {
        private final Ledger ledger;

        PoolProvisioner(Ledger ledger) {
            super(ledger);
            this.ledger = ledger;
            this.pool = true;
        }

        @Override
        public VmInfo create(VmSpec spec) throws ProvisionerException {
            if (!PoolStore.NAME.matcher(spec.name()).matches()) {
                return super.create(spec);
            }
            record(() -> ledger.created(spec.name()));
            return new VmInfo(spec.name(), VmStatus.ACTIVE, "10.0.0.9", 22);
        }

        @Override
        public VmInfo assign(VmSpec buyer) throws ProvisionerException {
            String sub = buyer.machineId().substring(10).replaceFirst("^0+", "");
            CrashChild.mark("CLAIMED " + sub + " received");
            record(() -> ledger.assigned(buyer.name(), buyer.machineId()));
            CrashChild.mark("ASSIGNED " + sub + " received");
            return new VmInfo(buyer.name(), VmStatus.ACTIVE, "10.0.0.9", buyer.network().publicPort().orElse(22));
        }

        @Override
        public VmStatus status(String name) {
            return VmStatus.ACTIVE;
        }

        private interface LedgerWrite {
            void run() throws SQLException;
        }

        private static void record(LedgerWrite w) throws ProvisionerException {
            try {
                w.run();
            } catch (SQLException e) {
                throw new ProvisionerException(e.getMessage(), true);
            }
        }
    }
}
