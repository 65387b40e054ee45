package org.blockhost.core.internal.crash;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.blockhost.core.internal.testing.FakeEngine;
import org.blockhost.core.internal.testing.FakeProvisioner;
import org.blockhost.core.internal.testing.FakeSealer;
import org.blockhost.core.internal.testing.Harness;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.provisioner.api.OwnerBinding;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmSpec;

/**
 * The runtime under test in the crash test: core's store, inbox and pipeline (no OSGi) with
 * scripted plugins whose effects go to a ledger file. Prints MID after each plugin effect and
 * BOUNDARY after each committed stage, pausing briefly so the parent can SIGKILL it right there.
 * Args: stateDir ledgerFile subscriptions.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        Ledger ledger = new Ledger(Path.of(args[1]));
        int n = Integer.parseInt(args[2]);
        Harness h = new Harness(state, Duration.ofSeconds(5));
        h.bindAll(new LedgerEngine(ledger), new LedgerProvisioner(ledger), new MarkingSealer());
        List<ChainEvent> batch = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            batch.add(Harness.created(i, 1, 10 + i));
        }
        h.commit(batch, 10 + n);
        h.start(Harness.fast(4, 1000), (id, from, to) -> mark("BOUNDARY " + id + " " + to.label()));
        while (h.count("SELECT COUNT(*) FROM pipeline WHERE stage = 'active'") < n) {
            Thread.sleep(20);
        }
        System.out.println("ALLDONE");
        System.out.flush();
        System.exit(0);
    }

    static synchronized void mark(String line) {
        System.out.println(line);
        System.out.flush();
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static class LedgerProvisioner extends FakeProvisioner {
        private final Ledger ledger;

        LedgerProvisioner(Ledger ledger) {
            this.ledger = ledger;
        }

        @Override
        public VmInfo create(VmSpec spec) throws ProvisionerException {
            try {
                ledger.created(spec.name());
            } catch (SQLException e) {
                throw new ProvisionerException(e.getMessage(), true);
            }
            mark("MID " + spec.name().substring(10).replaceFirst("^0+", "") + " received");
            return new VmInfo(spec.name(), org.blockhost.provisioner.api.VmStatus.ACTIVE, "10.0.0.1", 22);
        }

        @Override
        public void setOwner(String name, OwnerBinding owner) throws ProvisionerException {
            try {
                ledger.owner(name, owner.gecos());
            } catch (SQLException e) {
                throw new ProvisionerException(e.getMessage(), true);
            }
            mark("MID " + name.substring(10).replaceFirst("^0+", "") + " nft_minted");
        }
    }

    static final class LedgerEngine extends FakeEngine {
        private final Ledger ledger;

        LedgerEngine(Ledger ledger) {
            this.ledger = ledger;
        }

        @Override
        public long mint(long sub, String owner, byte[] blob) throws ChainUnavailableException {
            try {
                long token = ledger.mint(sub);
                mark("MID " + sub + " credentials_encrypted");
                return token;
            } catch (SQLException e) {
                throw new ChainUnavailableException(e.getMessage());
            }
        }
    }

    static final class MarkingSealer extends FakeSealer {
        @Override
        public byte[] seal(String accessKey, byte[] plaintext) {
            byte[] out = super.seal(accessKey, plaintext);
            String vm = new String(plaintext, java.nio.charset.StandardCharsets.UTF_8).replaceAll(".*blockhost-0*([0-9]+).*", "$1");
            mark("MID " + vm + " vm_created");
            return out;
        }
    }
}
