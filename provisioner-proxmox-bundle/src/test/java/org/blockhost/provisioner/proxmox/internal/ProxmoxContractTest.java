package org.blockhost.provisioner.proxmox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.blockhost.provisioner.api.ExpiryNotice;
import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.Provisioner;
import org.blockhost.provisioner.api.ProvisionerContract;
import org.blockhost.provisioner.api.VmSpec;
import org.blockhost.provisioner.proxmox.internal.sim.SimVm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The shared provisioner contract against the schema-validating PVE double. */
class ProxmoxContractTest extends ProvisionerContract {
    @TempDir
    static Path dir;
    static SimHarness sim;
    static ProxmoxProvisioner provisioner;
    static final AtomicInteger NEXT = new AtomicInteger(100);

    @BeforeAll
    static void setUp() throws Exception {
        sim = new SimHarness(dir);
        provisioner = new ProxmoxProvisioner(sim.settings());
    }

    @AfterAll
    static void tearDown() {
        sim.close();
    }

    /** No request the real API would refuse, no answer in a shape it would not give. */
    @AfterEach
    void everyRequestMatchedTheSchema() {
        assertEquals(List.of(), sim.server.violations());
    }

    @Override
    protected Provisioner provisioner() {
        return provisioner;
    }

    @Override
    protected VmSpec newSpec(PlanResources resources) {
        return SimHarness.spec(String.format("blockhost-%03d", NEXT.getAndIncrement()), resources);
    }

    @Override
    protected boolean showsGuestNotices() {
        return true;
    }

    @Override
    protected Optional<String> guestExpiryNotice(String name, ExpiryNotice.Kind kind) {
        SimVm vm = sim.server.cluster.vm(SimHarness.BASE + Integer.parseInt(name.substring("blockhost-".length())));
        if (kind == ExpiryNotice.Kind.WALL) {
            return vm.walls().isEmpty() ? Optional.empty() : Optional.of(vm.walls().get(vm.walls().size() - 1));
        }
        return Optional.ofNullable(vm.files().get("/etc/motd.d/blockhost"));
    }

    @Override
    protected Optional<String> guestGecos(String name) {
        SimVm vm = sim.server.cluster.vm(SimHarness.BASE + Integer.parseInt(name.substring("blockhost-".length())));
        return Optional.ofNullable(vm).map(SimVm::gecos);
    }
}
