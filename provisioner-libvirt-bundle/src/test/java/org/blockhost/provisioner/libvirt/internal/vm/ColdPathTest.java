package org.blockhost.provisioner.libvirt.internal.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.blockhost.provisioner.libvirt.internal.DevHarness;
import org.blockhost.provisioner.libvirt.internal.LibvirtProvisioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cold-path breakdown: create's phases, then the guest agent's first answer and the end of the first boot. */
class ColdPathTest {
    private static final long MS = 1_000_000L;
    @TempDir
    Path dir;

    @Test
    void phasesAndBootMarksAreTimedFromACreateOnAControlledClock() {
        AtomicLong now = new AtomicLong(1_000 * MS);
        ColdPath cold = new ColdPath(now::get);
        ColdPath.Run run = cold.begin("blockhost-007");
        long[] steps = {3, 40, 120, 350, 900};
        ColdPath.Phase[] phases = ColdPath.Phase.values();
        for (int i = 0; i < phases.length; i++) {
            now.addAndGet(steps[i] * MS);
            run.done(phases[i]);
        }
        now.addAndGet(20_000 * MS);
        cold.probed("blockhost-007", false, false); // agent not answering yet
        cold.probed("blockhost-008", true, true); // not created here: ignored
        now.addAndGet(10_000 * MS);
        cold.probed("blockhost-007", true, false); // agent answers, cloud-init still running
        now.addAndGet(50_000 * MS);
        cold.probed("blockhost-007", true, true);
        now.addAndGet(5_000 * MS);
        cold.probed("blockhost-007", true, true); // a later probe changes nothing

        List<ColdPath.Boot> boots = cold.recent();
        assertEquals(1, boots.size(), boots.toString());
        ColdPath.Boot boot = boots.get(0);
        assertEquals(Map.of(ColdPath.Phase.CHECKS, 3 * MS, ColdPath.Phase.OVERLAY, 40 * MS, ColdPath.Phase.SEED, 120 * MS,
                ColdPath.Phase.DEFINE, 350 * MS, ColdPath.Phase.START, 900 * MS), boot.phases());
        assertEquals(30_000 * MS, boot.agentNanos(), "guest agent: first answering probe, counted from the start");
        assertEquals(80_000 * MS, boot.bootedNanos(), "first boot finished: first ready probe");
        assertEquals("cold path blockhost-007: checks 0.003 s, overlay 0.040 s, seed 0.120 s, define 0.350 s, start 0.900 s",
                boot.phasesLine());
        Map<String, List<Double>> bySteps = ColdPath.bySteps(boots);
        assertEquals(List.of("checks", "overlay", "seed", "define", "start", "guest agent answered", "first boot finished"),
                List.copyOf(bySteps.keySet()));
        assertEquals(List.of(0.35), bySteps.get("define"));
        assertEquals(List.of(30.0), bySteps.get("guest agent answered"));
        assertEquals(List.of(80.0), bySteps.get("first boot finished"));
    }

    @Test
    void onlyTheLastBootsAreKept() {
        AtomicLong now = new AtomicLong();
        ColdPath cold = new ColdPath(now::get);
        for (int i = 0; i < ColdPath.KEEP + 5; i++) {
            String name = String.format("blockhost-%03d", i);
            cold.begin(name).done(ColdPath.Phase.START);
            cold.probed(name, true, true);
        }
        assertEquals(ColdPath.KEEP, cold.recent().size());
        assertEquals("blockhost-005", cold.recent().get(0).name());
    }

    @Test
    void aCreateOnTheTestDriverIsBrokenDownAndItsReadinessEndsIt() throws Exception {
        assumeTrue(DevHarness.libvirtInstalled(), "libvirt0 not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/isoinfo")), "isoinfo (genisoimage) not installed");
        try (DevHarness h = new DevHarness(dir, "test:///default");
                LibvirtProvisioner p = new LibvirtProvisioner(h, h.settings("test:///default", "192.0.2.0/24", 0))) {
            DevHarness.blankImage(h.templateDir().resolve("debian.qcow2"));
            p.create(InterruptedCreateTest.spec("blockhost-031"));
            assertEquals(List.of(), p.coldPath(), "not finished before the guest reports its first boot");
            assertTrue(p.readiness("blockhost-031").ready());
            ColdPath.Boot boot = p.coldPath().get(0);
            assertEquals("blockhost-031", boot.name());
            assertEquals(List.of(ColdPath.Phase.values()), List.copyOf(boot.phases().keySet()), boot.phases().toString());
            assertTrue(boot.phases().values().stream().allMatch(n -> n >= 0), boot.phases().toString());
            assertTrue(boot.agentNanos() >= 0 && boot.bootedNanos() >= boot.agentNanos(), boot.toString());
            assertEquals(List.of("checks", "overlay", "seed", "define", "start", "guest agent answered", "first boot finished"),
                    List.copyOf(p.coldPathSeconds().keySet()), "what core's /metrics shows (provisioner API 1.5)");
            p.destroy("blockhost-031");
        }
    }
}
