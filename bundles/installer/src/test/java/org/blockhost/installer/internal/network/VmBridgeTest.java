package org.blockhost.installer.internal.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.StepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        VmBridge b = VmBridge.parse(Map.of("uplink", "eth0", "bridge", "br0"), NICS, Map.of()).change().orElseThrow();
        Path none = Path.of("/nonexistent/interfaces");
        assertEquals(Map.of("bridge", "br0", "uplink", "eth0"), b.params(none));
        assertTrue(b.plan(none).startsWith("new bridge br0 with eth0 as its port; eth0's addresses"), b.plan(none));
        assertEquals(Set.of("uplink", "bridge"), VmBridge.parse(Map.of("uplink", "wlan9<", "bridge", "eth0;x"), NICS, Map.of()).problems()
                .keySet());
        assertTrue(VmBridge.parse(Map.of("uplink", "eth0", "bridge", "br1"), NICS, Map.of()).problems().get("bridge").contains("exists"));
        VmBridge.parse(Map.of("uplink", "eth0", "bridge", "bad name"), NICS, Map.of()).problems().values()
                .forEach(m -> assertFalse(m.contains("bad name"), m));
        assertTrue(VmBridge.parse(Map.of("uplink", "eth0", "bridge", "br1"), NICS, Map.of("eth0", "br9")).problems().get("bridge")
                .contains("exists"), "br1 holds another port");
        assertEquals(Optional.of(new VmBridge("br1", "eth0")),
                VmBridge.parse(Map.of("uplink", "eth0", "bridge", "br1"), NICS, Map.of("eth0", "br1")).change(),
                "asked again once br1 holds eth0 (a save refused after the bridge was made): the agent changes nothing");
        assertTrue(VmBridge.problem("vmbr12").isEmpty());
        assertTrue(VmBridge.problem("br").isPresent() && VmBridge.problem("virbr0").isPresent());
    }

    /** The uplink's addressing is read as the ISO's first boot reads it: a DHCP stanza asks the agent for a lease of the bridge's own. */
    @Test
    void aDhcpUplinkAsksForTheBridgesOwnLease(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("interfaces"), "source /etc/network/interfaces.d/*\nauto lo\niface lo inet loopback\n"
                + "allow-hotplug eth0\niface eth0 inet dhcp\niface eth1 inet static\n    address 192.0.2.10/24\n");
        Set<String> nics = Set.of("eth0", "eth1");
        VmBridge dhcp = VmBridge.parse(Map.of("uplink", "eth0", "bridge", "br0"), nics, Map.of()).change().orElseThrow();
        assertEquals(Map.of("bridge", "br0", "uplink", "eth0", "addressing", "dhcp"), dhcp.params(f));
        assertTrue(dhcp.plan(f).contains("br0 gets a DHCP lease of its own"), dhcp.plan(f));
        VmBridge fixed = VmBridge.parse(Map.of("uplink", "eth1", "bridge", "br0"), nics, Map.of()).change().orElseThrow();
        assertEquals(Map.of("bridge", "br0", "uplink", "eth1"), fixed.params(f), "a static uplink's addresses move");
    }

    @Test
    void mastersAreReadFromSysfs(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("br1"));
        Files.createDirectories(dir.resolve("eth0"));
        Files.createDirectories(dir.resolve("eth1"));
        Files.createSymbolicLink(dir.resolve("eth0/master"), Path.of("../br1"));
        assertEquals(Map.of("eth0", "br1"), Interfaces.masters(dir));
        assertEquals(Map.of(), Interfaces.masters(dir.resolve("missing")));
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
