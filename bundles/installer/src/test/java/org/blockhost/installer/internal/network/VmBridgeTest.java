package org.blockhost.installer.internal.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.StepException;
import org.junit.jupiter.api.Test;

/** The VM bridge: the page's checks, and the step that makes the libvirt provisioner use the bridge (the one owner of its name). */
class VmBridgeTest {
    private static final Set<String> NICS = Set.of("eth0", "br1");

    private static FinalizationContext context(String bridge) {
        return new FinalizationContext() {
            @Override public Optional<String> answer(String key) {
                return VmBridge.KEY.equals(key) ? Optional.ofNullable(bridge) : Optional.empty();
            }
            @Override public void publish(String key, String value) { }
            @Override public Optional<String> published(String key) { return Optional.empty(); }
            @Override public Path stateDirectory() { return Path.of("/nonexistent"); }
            @Override public Path configDirectory() { return Path.of("/nonexistent"); }
            @Override public boolean devMode() { return false; }
        };
    }

    @Test
    void theFormNeedsAKnownUplinkAndANewBridgeName() {
        VmBridge b = VmBridge.parse(Map.of("uplink", "eth0", "bridge", "br0"), NICS).change().orElseThrow();
        assertEquals(Map.of("bridge", "br0", "uplink", "eth0"), b.params());
        assertTrue(b.plan().startsWith("new bridge br0 with eth0 as its port"), b.plan());
        assertEquals(Set.of("uplink", "bridge"), VmBridge.parse(Map.of("uplink", "wlan9<", "bridge", "eth0;x"), NICS).problems()
                .keySet());
        assertTrue(VmBridge.parse(Map.of("uplink", "eth0", "bridge", "br1"), NICS).problems().get("bridge").contains("exists"));
        VmBridge.parse(Map.of("uplink", "eth0", "bridge", "bad name"), NICS).problems().values()
                .forEach(m -> assertFalse(m.contains("bad name"), m));
        assertTrue(VmBridge.problem("vmbr12").isEmpty());
        assertTrue(VmBridge.problem("br").isPresent() && VmBridge.problem("virbr0").isPresent());
    }

    @Test
    void theStepPointsLibvirtAtTheBridgeAndDoesNothingWithoutTheAnswer() throws Exception {
        MemoryConfigAdmin memory = new MemoryConfigAdmin();
        memory.store.put(VmBridgeStep.LIBVIRT, new Hashtable<>(Map.of("uri", "qemu:///system", "netType", "network",
                "network", "default")));
        VmBridgeStep step = new VmBridgeStep(memory.cm());
        assertEquals(Set.of(VmBridge.KEY), step.answerKeys());
        assertTrue(step.problem(VmBridge.KEY, "br0;reboot").isPresent());
        assertTrue(step.isComplete(context(null)));
        step.run(context(null));
        assertEquals("network", memory.store.get(VmBridgeStep.LIBVIRT).get("netType"), "nothing written without the answer");

        assertFalse(step.isComplete(context("br0")));
        step.run(context("br0"));
        assertEquals("bridge", memory.store.get(VmBridgeStep.LIBVIRT).get("netType"));
        assertEquals("br0", memory.store.get(VmBridgeStep.LIBVIRT).get("network"));
        assertEquals("qemu:///system", memory.store.get(VmBridgeStep.LIBVIRT).get("uri"), "the rest kept");
        assertTrue(step.isComplete(context("br0")));
        assertThrows(StepException.class, () -> step.run(context("eth0")));
    }
}
