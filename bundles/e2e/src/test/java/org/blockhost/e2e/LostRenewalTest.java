package org.blockhost.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

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
import org.web3j.crypto.Hash;

/**
 * A renewal the RPC never delivers (review H1): the runtime's engine reads the chain through a
 * {@link LogDroppingProxy} that removes every {@code SubscriptionExtended} log from every
 * {@code eth_getLogs} answer, range and by-hash alike, for the whole run. The subscription is bought
 * and renewed; chain time passes the old expiry; the VM must never be destroyed: core suspends it
 * (its store never saw the renewal, and the renewal is not final yet when core checks the chain
 * just before the suspend); once the renewal is final, core's periodic renewal check of VMs
 * suspended for expiry (every {@code renewalCheckMinutes} = 1.2 s here) reads the subscription at
 * finality, finds the later expiry, corrects the store and resumes the VM, long before the 24 h
 * grace period would let the destroy guard look.
 */
class LostRenewalTest {
    static final String SUBSCRIPTION_EXTENDED = Hash.sha3String("SubscriptionExtended(uint256,address,uint64)");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A grace no test waits out: only the periodic renewal check can resume the VM. */
    static final String LIFECYCLE_CFG = "intervalSeconds=1\nreconcileIntervalSeconds=1\ngracePeriodDays=1\n"
            + "renewalCheckMinutes=0.02\n";

    @TempDir
    Path home;

    @Test
    void aRenewalWhoseLogTheRpcDropsEveryTimeNeverDestroysTheVm() throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/org.blockhost.core.lifecycle.cfg"), LIFECYCLE_CFG);
        DevKeys.ensureAnvilKeyFile(home, 2);
        Stack stack = Stack.start(home, List.of(), Duration.ofMinutes(4));
        try (DemoChain chain = DemoChain.connect(DevStack.read(home), TIMEOUT);
                DemoWallet wallet = DemoWallet.fromKeyFile(DevKeys.anvilKeyFile(home, 2));
                LogDroppingProxy proxy = new LogDroppingProxy(stack.dev.path("rpcUrl").asText(), SUBSCRIPTION_EXTENDED)) {
            pointEngineAt(stack, proxy);
            Subscriptions subs = new Subscriptions(chain);
            Purchase p = subs.buy(wallet, 1, 1);
            String vm = Names.vmName(p.subscriptionId());
            NeverDestroyed watch = new NeverDestroyed(new Vms(stack), vm);
            watch.until("active", v -> true);

            long newExpiry = subs.extend(wallet, p.subscriptionId(), 1);
            long t0 = System.nanoTime();
            await(() -> proxy.removed() >= 2, "the proxy removed the renewal from a range and a by-hash answer", proxy);
            Thread.sleep(2_000); // the watcher commits the step it verified (without the renewal)
            assertEquals(p.expiresAt(), expires(watch.until("active", v -> true)), "the store never saw the renewal");

            new ChainControl(chain).advanceTime(Duration.ofDays(1).toSeconds() + 60);
            watch.until("suspended", v -> expires(v) == p.expiresAt());
            new ChainControl(chain).mine(80); // purchase and renewal below anvil's finalized block (head - 64)
            JsonNode resumed = watch.until("active",
                    v -> Vms.audited(v, "lifecycle", "expiry corrected from chain", "renewal found at finality"));
            double seconds = Timings.seconds(t0, System.nanoTime());
            assertEquals(newExpiry, expires(resumed), "the store holds the renewal's expiry");
            assertEquals(newExpiry, subs.subscription(p.subscriptionId()).expiresAt(), "the chain's expiry");
            assertTrue(Vms.audited(resumed, "suspended") && Vms.audited(resumed, "resumed"), resumed.toString());
            assertFalse(Vms.audited(resumed, "destroy check 1 of 2"), "resumed by the renewal check, not at destroy time");
            Thread.sleep(5_000);
            JsonNode last = watch.until("active", v -> true);
            assertFalse(Vms.audited(last, "destroyed"), last.toString());
            assertEquals(newExpiry, expires(last));
            Timings t = new Timings("4-lost-renewal", "renewal log dropped by a faulty RPC in every eth_getLogs answer");
            t.row("%-62s %d (%d log queries)", "SubscriptionExtended logs removed by the proxy", proxy.removed(),
                    proxy.logQueries());
            t.row("%-62s %s", "VM states seen (vm show, every 250 ms)", watch.states);
            t.row("%-62s %.2f s", "renewal mined -> expiry corrected from chain, VM active", seconds);
            t.write();
        } finally {
            stack.close();
        }
        assertEquals(List.of(), stack.leftBehind(), "processes left behind");
    }

    /**
     * Points the running engine at the proxy: rewrites {@code rpcUrl} in its {@code .cfg} (hidden temp
     * file + rename; FileInstall applies it live) with the WebSocket off (the proxy speaks HTTP only),
     * then waits until the engine's log queries come through the proxy and {@code /ready} is 200.
     */
    private void pointEngineAt(Stack stack, LogDroppingProxy proxy) throws Exception {
        Path cfg = home.resolve("etc/org.blockhost.engine.evm.cfg");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(cfg)) {
            if (!line.startsWith("rpcUrl=") && !line.startsWith("newHeadsWebSocket=")) {
                lines.add(line);
            }
        }
        lines.add("rpcUrl=" + proxy.url());
        lines.add("newHeadsWebSocket=false");
        Path part = home.resolve("etc/.engine-evm-proxy.part");
        Files.write(part, lines);
        Files.move(part, cfg, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        await(() -> proxy.logQueries() >= 3, "the engine reads logs through the proxy", proxy);
        stack.awaitReady(TIMEOUT);
    }

    private void await(BooleanSupplier condition, String what, LogDroppingProxy proxy) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + ": not within " + TIMEOUT + " (log queries " + proxy.logQueries()
                        + ", removed " + proxy.removed() + ")\n" + Stack.tail(home, 30));
            }
            Thread.sleep(100);
        }
    }

    static long expires(JsonNode vm) {
        return Instant.parse(vm.path("expires").asText()).getEpochSecond();
    }

    /** Polls {@code vm show}; fails the test as soon as the VM is seen destroyed; records the states seen. */
    private static final class NeverDestroyed {
        private final Vms vms;
        private final String vm;
        final List<String> states = new ArrayList<>();

        NeverDestroyed(Vms vms, String vm) {
            this.vms = vms;
            this.vm = vm;
        }

        JsonNode until(String state, java.util.function.Predicate<JsonNode> also) throws Exception {
            return vms.await(vm, TIMEOUT, "state " + state, v -> {
                String s = v.path("state").asText();
                if (states.isEmpty() || !states.get(states.size() - 1).equals(s)) {
                    states.add(s);
                }
                assertFalse("destroyed".equals(s) || Vms.audited(v, "destroyed"), "the renewed VM was destroyed: " + v);
                return state.equals(s) && also.test(v);
            });
        }
    }
}
