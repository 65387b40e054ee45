package org.blockhost.provisioner.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;

import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.VmStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * Every actual state the provisioner reports (running, paused, saved, shut off, missing) and what
 * suspend, resume and start make of each, on libvirt's test driver through the in-process agent.
 */
class StateTransitionsTest {
    @TempDir
    static Path dir;
    static DevHarness harness;
    static LibvirtProvisioner provisioner;
    static Connect side;
    static int next = 300;

    /** The actual states a VM can be put in from outside the provisioner. */
    enum Actual { RUNNING, PAUSED, SAVED, SHUT_OFF }

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(DevHarness.libvirtInstalled(), "libvirt0 not installed");
        harness = new DevHarness(dir, "test:///default");
        provisioner = new LibvirtProvisioner(harness, harness.settings("test:///default", "192.0.2.0/24", 0));
        DevHarness.blankImage(harness.templateDir().resolve("debian.qcow2"));
        side = new Connect("test:///default");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (provisioner != null) {
            side.close();
            provisioner.close();
            harness.close();
        }
    }

    /** A new VM in the given actual state; the tenant's poweroff or a host reboot leaves it shut off. */
    static String vmIn(Actual actual) throws Exception {
        String name = "blockhost-" + next++;
        provisioner.create(LifecycleTest.spec(name, new PlanResources(1, 128, 1)));
        Domain d = side.domainLookupByName(name);
        switch (actual) {
            case PAUSED -> d.suspend();
            case SAVED -> d.managedSave();
            case SHUT_OFF -> d.destroy();
            default -> { }
        }
        return name;
    }

    static VmStatus expected(Actual a) {
        return switch (a) {
            case RUNNING -> VmStatus.ACTIVE;
            case PAUSED -> VmStatus.PAUSED;
            case SAVED -> VmStatus.SUSPENDED;
            case SHUT_OFF -> VmStatus.SHUT_OFF;
        };
    }

    @ParameterizedTest
    @EnumSource(Actual.class)
    void theStatusIsTheActualState(Actual actual) throws Exception {
        assertEquals(expected(actual), provisioner.status(vmIn(actual)));
    }

    @ParameterizedTest
    @EnumSource(Actual.class)
    void suspendFromEveryStateHoldsNoRam(Actual actual) throws Exception {
        String vm = vmIn(actual);
        provisioner.suspend(vm);
        VmStatus after = provisioner.status(vm);
        assertEquals(actual == Actual.SHUT_OFF ? VmStatus.SHUT_OFF : VmStatus.SUSPENDED, after,
                "saved to disk, or left off; never running or paused");
        assertEquals(0, side.domainLookupByName(vm).isActive(), "the domain is not active: no RAM held");
    }

    @ParameterizedTest
    @EnumSource(Actual.class)
    void resumeAndStartFromEveryStateRunIt(Actual actual) throws Exception {
        String resumed = vmIn(actual);
        String started = vmIn(actual);
        provisioner.resume(resumed);
        provisioner.start(started);
        assertEquals(List.of(VmStatus.ACTIVE, VmStatus.ACTIVE), List.of(provisioner.status(resumed), provisioner.status(started)));
    }

    @ParameterizedTest
    @EnumSource(Actual.class)
    void destroyFromEveryStateRemovesIt(Actual actual) throws Exception {
        String vm = vmIn(actual);
        provisioner.destroy(vm);
        assertEquals(VmStatus.DESTROYED, provisioner.status(vm), "also a saved one, with its memory image");
    }

    @Test
    void aSuspendedVmSurvivesAHostRebootSuspendedAndResumes() throws Exception {
        String paid = vmIn(Actual.RUNNING);
        String lapsed = vmIn(Actual.RUNNING);
        provisioner.suspend(lapsed);
        side.domainLookupByName(paid).destroy(); // the host went down: running domains are off
        assertEquals(VmStatus.SHUT_OFF, provisioner.status(paid));
        assertEquals(VmStatus.SUSPENDED, provisioner.status(lapsed), "the saved image outlives the reboot");
        provisioner.resume(lapsed);
        assertEquals(VmStatus.ACTIVE, provisioner.status(lapsed));
    }

    @Test
    void everyCallOnAMissingVmIsRefusedAndItsStatusIsDestroyed() throws Exception {
        assertEquals(VmStatus.DESTROYED, provisioner.status("blockhost-399"));
        for (String op : new String[] {"suspend", "resume", "start"}) {
            ProvisionerException e = assertThrows(ProvisionerException.class, () -> call(op, "blockhost-399"));
            assertTrue(!e.retryable(), op);
        }
    }

    private static void call(String op, String vm) throws ProvisionerException {
        switch (op) {
            case "suspend" -> provisioner.suspend(vm);
            case "resume" -> provisioner.resume(vm);
            default -> provisioner.start(vm);
        }
    }
}
