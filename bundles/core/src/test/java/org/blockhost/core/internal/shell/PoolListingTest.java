package org.blockhost.core.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.service.command.CommandSession;
import org.blockhost.console.api.VmRegistry.VmRecord;
import org.blockhost.core.internal.pool.PoolSizes;
import org.blockhost.core.internal.pool.PoolStore;
import org.blockhost.core.internal.pool.PoolView;
import org.junit.jupiter.api.Test;

/** {@code blockhost vm list --pool}: sizes, pool VMs and their states; Gogo dispatches the flag to the list. */
class PoolListingTest {

    record View(PoolSizes sizes, Map<Long, Map<String, Long>> counts, List<PoolStore.PoolVm> vms) implements PoolView {
    }

    private static String print(boolean json, PoolView view) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PoolListing.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), json, view);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static final View TWO = new View(PoolSizes.parse(new String[] {"1:2"}), Map.of(1L, Map.of("ready", 1L,
            "assigning", 1L)), List.of(new PoolStore.PoolVm("blockhost-900000001", 1, "ready", null, "10.0.0.9", 22, "",
                    "libvirt", "debian-12", "abc", 0), new PoolStore.PoolVm("blockhost-900000002", 1, "assigning", 7L,
                    "10.0.0.9", 22, "", "", "", "", 0)));

    @Test
    void tableShowsSizesAndEachPoolVm() {
        String out = print(false, TWO);
        assertTrue(out.startsWith("pool sizes: plan 1 = 2\n"), out);
        assertTrue(out.matches("(?s).*NAME +PLAN +STATE +SUBSCRIPTION +PROVISIONER +TEMPLATE\n.*"), out);
        assertTrue(out.matches("(?s).*blockhost-900000001 +1 +ready +- +libvirt +debian-12\n.*"), out);
        assertTrue(out.matches("(?s).*blockhost-900000002 +1 +assigning +7 +- +-\n.*"), out);
    }

    @Test
    void jsonAndOff() {
        String json = print(true, TWO).replaceAll("\\s", "");
        assertTrue(json.contains("\"sizes\":{\"1\":2}"), json);
        assertTrue(json.contains("\"name\":\"blockhost-900000002\",\"plan\":1,\"state\":\"assigning\",\"subscription\":7"), json);
        assertTrue(json.contains("\"provisioner\":\"libvirt\",\"template\":\"debian-12\",\"templateBuild\":\"abc\""), json);
        String off = print(false, new View(PoolSizes.parse(new String[0]), Map.of(), List.of()));
        assertEquals("pool: off (no size configured in org.blockhost.core.pool)\nno pool VMs\n", off);
    }

    /** {@code vm list}: the provisioner that made each VM, {@code -} for one made before core recorded it. */
    @Test
    void vmListShowsTheProvisioner() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        java.time.Instant expires = java.time.Instant.parse("2030-01-01T00:00:00Z");
        VmCommands.table(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(
                new VmRecord("blockhost-001", 1, "0xabc", java.util.Optional.of(1L), "active", expires, false, 1,
                        java.util.Optional.empty(), "libvirt"),
                new VmRecord("blockhost-002", 2, "0xdef", java.util.Optional.empty(), "active", expires, true, 1,
                        java.util.Optional.empty(), "")));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.matches("(?s)NAME +SUBSCRIPTION +STATE +READY +OWNER +TOKEN +EXPIRES +HOLD +PROVISIONER\n.*"), out);
        assertTrue(out.matches("(?s).*\nblockhost-001 .* libvirt\n.*"), out);
        assertTrue(out.matches("(?s).*\nblockhost-002 .* held +-\n"), out);
    }

    /** The flag reaches the list overload through Gogo (here without a running pool: the command says so). */
    @Test
    void gogoDispatchesTheFlag() throws Exception {
        CommandProcessorImpl processor = new CommandProcessorImpl();
        processor.addCommand("blockhost", new VmCommands(null, null), "vm");
        CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), System.out, System.err);
        Exception e = assertThrows(Exception.class, () -> session.execute("vm list --pool"));
        assertEquals("the warm pool is not running", e.getMessage());
        Exception plain = assertThrows(Exception.class, () -> session.execute("vm list --json"));
        assertTrue(plain instanceof NullPointerException, "vm list --json still reaches the registry: " + plain);
    }
}
