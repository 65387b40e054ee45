package org.blockhost.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.blockhost.demo.Credentials;
import org.blockhost.demo.DemoChain;
import org.blockhost.demo.DemoWallet;
import org.blockhost.demo.DevKeys;
import org.blockhost.demo.DevStack;
import org.blockhost.demo.Purchase;
import org.blockhost.demo.Subscriptions;
import org.blockhost.demo.VmAccess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in measurement ({@code -Dblockhost.realvm.measure=true}; a second guest boot, so not in CI): a
 * "host restart" with paid real guests: {@code blockhost dev --real-vms} stops (runtime, anvil, libvirtd),
 * the guests' QEMU processes are killed (power cut), and dev starts again on the same home; timed until every
 * paid VM answers SSH on its forwarded port and takes its owner's wallet login.
 */
@Tag("realvm")
@EnabledIfSystemProperty(named = "blockhost.realvm.measure", matches = "true")
class RealVmHostRestartTest {
    private static final Duration BOOT = Duration.ofMinutes(6);
    private static final Map<String, String> ENV = Map.of("BLOCKHOST_TEMPLATE_DIR", RealVmFlowTest.TEMPLATES.toString());

    @TempDir
    Path home;

    @Test
    void paidVmsAnswerSshAgainAfterAHostRestart() throws Exception {
        RealVmFlowTest.prepareHome(home);
        Path aliceKey = DevKeys.anvilKeyFile(home, 3);
        Timings timings = new Timings("4-real-vm-restart", "host restart with a paid real guest (opt-in measurement)");
        List<Stack> stacks = new ArrayList<>();
        String vm = null;
        Set<Long> before = RealGuest.sweepLeftovers();
        try {
            stacks.add(Stack.start(home, List.of("--real-vms"), Duration.ofMinutes(20), ENV));
            VmAccess access;
            try (DemoChain chain = DemoChain.connect(DevStack.read(home), Duration.ofSeconds(60));
                    DemoWallet alice = DemoWallet.fromKeyFile(aliceKey)) {
                Purchase p = new Subscriptions(chain).buy(alice, 1, 3);
                vm = p.vmName();
                new Vms(stacks.get(0)).awaitState(vm, "active", BOOT);
                Credentials credentials = new Credentials(chain);
                access = credentials.decrypt(alice, credentials.awaitToken(p.subscriptionId(), Duration.ofSeconds(10)));
            }
            SshProbe.awaitBanner(access.host(), access.port(), BOOT);
            RealVmFlowTest.assertLogsIn(home, vm, aliceKey, "first login");
            long qemu = RealGuest.qemuPid(vm).orElseThrow(() -> new AssertionError("no QEMU process for the paid VM"));
            stacks.get(0).close(); // the runtime first: while it runs, its lifecycle starts a paid VM that stops
            assertEquals(List.of(), stacks.get(0).leftBehind(), "processes left behind by the first run");
            ProcessHandle guest = ProcessHandle.of(qemu).orElseThrow(() -> new AssertionError("QEMU stopped with dev"));
            guest.destroyForcibly(); // power cut: the guest's QEMU killed while libvirtd is down
            guest.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            long restart = System.nanoTime();
            stacks.add(Stack.start(home, List.of("--real-vms"), Duration.ofMinutes(20), ENV));
            long up = System.nanoTime();
            long banner = SshProbe.awaitBanner(access.host(), access.port(), BOOT);
            RealVmFlowTest.assertLogsIn(home, vm, aliceKey, "login after the restart");
            long login = System.nanoTime();
            assertTrue(Vms.audited(new Vms(stacks.get(1)).show(vm), "lifecycle", "started again", "was shut off"));
            timings.row("%-62s %.1f s", "host restart -> blockhost dev --real-vms ready (dev.json + /ready)", Timings.seconds(restart, up));
            timings.row("%-62s %.1f s", "host restart -> the paid VM answers SSH (forwarded port)", Timings.seconds(restart, banner));
            timings.row("%-62s %.1f s", "host restart -> the owner's wallet login OK", Timings.seconds(restart, login));
            timings.write();
        } finally {
            RealVmFlowTest.destroyLeftover(vm);
            stacks.forEach(Stack::close);
            RealGuest.killStartedGuests(before);
            RealGuest.dropAgentTables();
        }
        assertEquals(List.of(), stacks.get(stacks.size() - 1).leftBehind(), "processes left behind");
    }
}
