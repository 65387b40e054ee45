package org.blockhost.provisioner.libvirt.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.Provisioner;
import org.blockhost.provisioner.api.ProvisionerContract;
import org.blockhost.provisioner.api.VmSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The shared provisioner contract on libvirt's test driver through the in-process root agent (dev mode). */
class LibvirtContractTest extends ProvisionerContract {
    @TempDir
    static Path dir;
    static DevHarness harness;
    static LibvirtProvisioner provisioner;
    static final AtomicInteger NEXT = new AtomicInteger(700);

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(DevHarness.libvirtInstalled(), "libvirt0 not installed");
        harness = new DevHarness(dir, "test:///default");
        provisioner = new LibvirtProvisioner(harness, harness.settings("test:///default", "192.0.2.0/24", 0));
        DevHarness.blankImage(harness.templateDir().resolve("debian.qcow2"));
    }

    /** test:///default keeps its domains for the whole JVM: leave none behind for the next test class. */
    @AfterAll
    static void tearDown() throws Exception {
        if (provisioner != null) {
            for (int n = 700; n < NEXT.get(); n++) {
                provisioner.destroy("blockhost-" + n);
            }
            provisioner.close();
            harness.close();
        }
    }

    @Override
    protected Provisioner provisioner() {
        return provisioner;
    }

    @Override
    protected VmSpec newSpec(PlanResources resources) {
        return LifecycleTest.spec("blockhost-" + NEXT.getAndIncrement(), resources);
    }

    @Override
    protected Optional<String> guestGecos(String name) throws Exception {
        Path f = harness.vmDir().resolve(".testdriver/" + name + ".gecos");
        return Files.exists(f) ? Optional.of(Files.readString(f).strip()) : Optional.empty();
    }
}
