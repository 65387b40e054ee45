package org.blockhost.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.demo.DemoChain;
import org.blockhost.demo.DemoWallet;
import org.blockhost.demo.DevKeys;
import org.blockhost.demo.DevStack;
import org.blockhost.demo.Names;
import org.blockhost.demo.Purchase;
import org.blockhost.demo.Subscriptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of the runtime in the middle of a purchase: the purchase is mined, the runtime has taken
 * it into its pipeline and sent the mint, and block production is paused so the mint stays in the
 * pool; {@code pipeline --json} shows the subscription before {@code active}. Then the runtime is
 * SIGKILLed, {@code blockhost dev} stops anvil and exits; started again on the same home it
 * resumes: exactly one VM and one NFT for the subscription.
 */
class CrashResumeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path home;

    @Test
    void runtimeKilledMidPurchaseResumesWithOneVmAndOneNft() throws Exception {
        DevKeys.ensureAnvilKeyFile(home, 2);
        long sub;
        String killedAt;
        Stack first = Stack.start(home, List.of(), Duration.ofMinutes(4));
        try (DemoChain chain = DemoChain.connect(DevStack.read(home), Duration.ofSeconds(60));
                DemoWallet wallet = DemoWallet.fromKeyFile(DevKeys.anvilKeyFile(home, 2))) {
            ChainControl control = new ChainControl(chain);
            Purchase p = new Subscriptions(chain).buy(wallet, 1, 3);
            sub = p.subscriptionId();
            control.intervalMining(0);
            control.mine(3); // the purchase at the watcher's confirmations; nothing mined after this
            killedAt = awaitMintInFlight(first, control, sub);
            int exit = first.killRuntime();
            assertNotEquals(0, exit, "blockhost dev must exit non-zero when its runtime dies");
        } finally {
            first.close();
        }
        assertEquals(List.of(), first.leftBehind(), "anvil or the runtime survived the launcher");

        long restart = System.nanoTime();
        Stack second = Stack.start(home, List.of(), Duration.ofMinutes(4));
        try (DemoChain chain = DemoChain.connect(DevStack.read(home), Duration.ofSeconds(60))) {
            Vms vms = new Vms(second);
            JsonNode vm = vms.awaitState(Names.vmName(sub), "active", TIMEOUT);
            long active = System.nanoTime();
            assertTrue(vm.hasNonNull("token"), vm.toString());
            long sameSub = sub;
            assertEquals(1, vms.list().stream().filter(v -> v.path("subscription").asLong() == sameSub).count(),
                    "one VM for the subscription");
            assertEquals(1, new ChainControl(chain).mintsOf(sub), "one CredentialMinted for subscription " + sub);
            assertEquals(List.of(), vms.pipeline(), "pipeline empty after the resume");
            Timings t = new Timings("3-crash", "SIGKILL of the runtime mid-purchase, then blockhost dev again on the same home");
            t.row("%-62s %s", "pipeline stage at the SIGKILL (mint in the pool)", killedAt);
            t.row("%-62s %.1f s", "blockhost dev restart (to dev.json + /ready 200)", second.startMillis / 1000.0);
            t.row("%-62s %.1f s", "restart -> VM active, 1 VM, 1 NFT (token " + vm.path("token").asLong() + ")",
                    Timings.seconds(restart, active));
            t.write();
        } finally {
            second.close();
        }
        assertEquals(List.of(), second.leftBehind(), "processes left behind");
    }

    /** Polls {@code pipeline --json} until the subscription waits for its mint (mint in the pool); returns the stage. */
    private static String awaitMintInFlight(Stack stack, ChainControl control, long sub) throws Exception {
        Vms vms = new Vms(stack);
        long end = System.nanoTime() + TIMEOUT.toNanos();
        String stage = "(not seen)";
        while (System.nanoTime() < end) {
            for (JsonNode e : vms.pipeline()) {
                if (e.path("subscription").asLong() == sub) {
                    stage = e.path("stage").asText();
                }
            }
            if (!stage.equals("(not seen)") && !stage.equals("active") && control.pendingTransactions() > 0) {
                return stage;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("subscription " + sub + " never waited for its mint; last stage " + stage
                + "\n" + Stack.tail(stack.home, 30));
    }
}
