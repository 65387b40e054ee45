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
            "assigning", 1L)), List.of(new PoolStore.PoolVm("blockhost-900000001", 1, "ready", null, "10.0.0.9", 22, ""),
                    new PoolStore.PoolVm("blockhost-900000002", 1, "assigning", 7L, "10.0.0.9", 22, "")));

    @Test
    void tableShowsSizesAndEachPoolVm() {
        String out = print(false, TWO);
        assertTrue(out.startsWith("pool sizes: plan 1 = 2\n"), out);
        assertTrue(out.matches("(?s).*NAME +PLAN +STATE +SUBSCRIPTION.*"), out);
        assertTrue(out.matches("(?s).*blockhost-900000001 +1 +ready +-.*"), out);
        assertTrue(out.matches("(?s).*blockhost-900000002 +1 +assigning +7.*"), out);
    }

    @Test
    void jsonAndOff() {
        String json = print(true, TWO).replaceAll("\\s", "");
        assertTrue(json.contains("\"sizes\":{\"1\":2}"), json);
        assertTrue(json.contains("\"name\":\"blockhost-900000002\",\"plan\":1,\"state\":\"assigning\",\"subscription\":7"), json);
        String off = print(false, new View(PoolSizes.parse(new String[0]), Map.of(), List.of()));
        assertEquals("pool: off (no size configured in org.blockhost.core.pool)\nno pool VMs\n", off);
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
