package org.blockhost.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.blockhost.demo.Credentials;
import org.blockhost.demo.DemoChain;
import org.blockhost.demo.DemoWallet;
import org.blockhost.demo.DevKeys;
import org.blockhost.demo.DevStack;
import org.blockhost.demo.Names;
import org.blockhost.demo.Purchase;
import org.blockhost.demo.Subscriptions;
import org.blockhost.demo.VmAccess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in benchmark ({@code -Dgroups=bench -Dblockhost.bench=true}; ~10 TCG guest boots, not in CI): one
 * {@code blockhost dev --real-vms} stack, rounds of one cold purchase (pool size 0) and one warm purchase
 * (pool size 1, waited for ready, no refill while measured), each timed from the buyer's receipt (the
 * purchase mined) to the SSH banner on its forwarded port and to a wallet login running {@code id}
 * ({@link WalletLoginProbe}: no JVM started per try, retried every 250 ms, from the NFT on); p50/p95 and the
 * warm/cold ratios, the pool VM's memory, the warm path's steps and the libvirt provisioner's cold-path
 * breakdown from the runtime's log. Each VM is destroyed after its round.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "blockhost.bench", matches = "true")
class WarmColdBenchmarkTest {
    private static final Duration BOOT = Duration.ofMinutes(6);
    /** How often the banner is probed (the login probe retries every {@link WalletLoginProbe#RETRY}). */
    private static final Duration PROBE = Duration.ofMillis(100);
    private static final Pattern FORWARD = Pattern.compile("(\\d+) : (10\\.[0-9.]+) \\. 22");
    private final int rounds = Integer.getInteger("blockhost.bench.rounds", 5);
    /** {@code -Dblockhost.bench.warmOnly=true}: warm purchases only (a warm-path change measured in ~10 min). */
    private final boolean warmOnly = Boolean.getBoolean("blockhost.bench.warmOnly");
    /** The confirmations the dev stack's EVM engine waits for (its default, which {@code blockhost dev} keeps). */
    private final int confirmations = Integer.getInteger("blockhost.bench.confirmations", 2);
    private final long budgetNanos = Duration.ofMinutes(Integer.getInteger("blockhost.bench.budgetMinutes", 32)).toNanos();

    @TempDir
    Path home;
    private Stack stack;
    private final List<Sample> cold = new ArrayList<>();
    private final List<Sample> warm = new ArrayList<>();
    private final List<Double> poolRssMib = new ArrayList<>();
    private String guestMemory = "?";
    /** The VM of the purchase under way (destroyed and undefined after a failure). */
    private String current;

    /**
     * One purchase: seconds from mined to its confirmation (the head at its block + confirmations), to the NFT, the
     * SSH banner and the wallet login; the warm path's steps (log).
     */
    record Sample(String vm, double confirmed, double nft, double banner, double login, Map<String, Double> steps) {
        double bannerAfterConfirmation() {
            return banner - confirmed;
        }

        double loginAfterConfirmation() {
            return login - confirmed;
        }
    }

    @Test
    void warmPoolAgainstColdPathOnRealGuests() throws Exception {
        RealVmFlowTest.prepareHome(home);
        Path aliceKey = DevKeys.anvilKeyFile(home, 3);
        pool(0, 3600);
        Set<Long> before = RealGuest.sweepLeftovers();
        // a cold template build under TCG on a loaded 2-core machine took more than 20 min: not part of the rounds
        stack = Stack.start(home, List.of("--real-vms"), Duration.ofMinutes(Integer.getInteger("blockhost.bench.stackMinutes", 45)),
                Map.of("BLOCKHOST_TEMPLATE_DIR", RealVmFlowTest.TEMPLATES.toString()));
        long begun = System.nanoTime();
        try (DemoChain chain = DemoChain.connect(DevStack.read(home), Duration.ofSeconds(60));
                DemoWallet alice = DemoWallet.fromKeyFile(aliceKey);
                MintWatcher mints = new MintWatcher(new ChainControl(chain))) {
            long longest = 0;
            for (int i = 0; i < rounds && (i < 2 || System.nanoTime() - begun + longest < budgetNanos); i++) {
                long round = System.nanoTime();
                if (!warmOnly) {
                    cold.add(purchase(chain, alice, mints, null));
                }
                pool(1, 2);
                current = WarmPool.awaitReady(stack, BOOT);
                poolMemory(current);
                pool(1, 3600); // no refill while the warm purchase is measured
                warm.add(purchase(chain, alice, mints, current));
                pool(0, 3600);
                longest = Math.max(longest, System.nanoTime() - round);
            }
            report();
        } finally {
            RealVmFlowTest.destroyLeftover(current);
            stack.close();
            RealGuest.killStartedGuests(before);
            RealGuest.dropAgentTables();
        }
        assertEquals(List.of(), stack.leftBehind(), "processes left behind");
    }

    /**
     * Buys plan 1 for a day and times it; {@code poolVm} is the ready pool VM expected to serve it (null: cold,
     * the subscription's {@code blockhost-NNN}). The VM is destroyed at the end.
     */
    private Sample purchase(DemoChain chain, DemoWallet alice, MintWatcher mints, String poolVm) throws Exception {
        Purchase purchase = new Subscriptions(chain).buy(alice, 1, 1);
        long mined = System.nanoTime();
        long sub = purchase.subscriptionId();
        CompletableFuture<Long> confirmed = ConfirmationClock.start(chain.web3j(), purchase.blockNumber(), confirmations);
        long minedAt = System.currentTimeMillis();
        String vm = poolVm == null ? Names.vmName(sub) : poolVm;
        current = vm;
        int port = awaitForward();
        long banner = SshProbe.awaitBanner(stack.dev.path("host").asText(), port, BOOT, PROBE);
        long nft = mints.await(sub, BOOT.toMillis());
        Credentials credentials = new Credentials(chain);
        VmAccess access = credentials.decrypt(alice, credentials.tokenOf(sub).orElseThrow());
        // from the NFT on, as a buyer would: decrypt once, then wallet logins (retried) until `id` runs
        long loggedIn = WalletLoginProbe.awaitLogin(home, access, alice, Duration.ofSeconds(90));
        new Vms(stack).awaitState(vm, "active", BOOT);
        Map<String, Double> steps = poolVm == null ? Map.of()
                : BenchStats.warmPath(BenchStats.runtimeLog(home), sub, vm, minedAt);
        Sample s = new Sample(vm, Timings.seconds(mined, confirmed.get(10, TimeUnit.SECONDS)), Timings.seconds(mined, nft), Timings.seconds(mined, banner), Timings.seconds(mined, loggedIn), steps);
        System.out.println("bench: " + s);
        Cli.Result gone = stack.cli("vm", "destroy", vm, "--yes", "--force-paid");
        assertEquals(0, gone.exit(), "vm destroy " + vm + ": " + gone.err() + gone.out());
        return s;
    }

    /** The public port of the one VM a buyer can reach: the root agent's only port forward (pool VMs get none). */
    private static int awaitForward() throws Exception {
        long end = System.nanoTime() + BOOT.toNanos();
        while (System.nanoTime() < end) {
            Matcher m = FORWARD.matcher(RealGuest.forwards());
            if (m.find()) {
                int port = Integer.parseInt(m.group(1));
                assertTrue(!m.find(), "one buyer's VM at a time: " + RealGuest.forwards());
                return port;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no port forward within " + BOOT);
    }

    /** RSS of the ready pool VM's QEMU process and the guest's configured memory ({@code virsh dominfo}). */
    private void poolMemory(String vm) throws Exception {
        long pid = RealGuest.qemuPid(vm).orElseThrow(() -> new AssertionError("no QEMU process for pool VM " + vm));
        poolRssMib.add(RealGuest.rssKiB(pid) / 1024.0);
        Matcher max = Pattern.compile("Max memory:\\s+(\\d+) KiB").matcher(
                RealGuest.run("virsh", "-r", "-c", "qemu:///system", "dominfo", vm));
        guestMemory = max.find() ? Long.parseLong(max.group(1)) / 1024 + " MiB" : "?";
    }

    private void pool(int size, int checkSeconds) throws Exception {
        WarmPool.configure(home, size, checkSeconds);
        Thread.sleep(3_000); // FileInstall polls every second, then DS re-activates the pool component
    }

    private void report() throws Exception {
        Timings t = new Timings("5-bench-warm-cold", "benchmark: warm pool vs cold path, blockhost dev --real-vms, QEMU TCG");
        t.header("%-8s %-22s %-28s %-28s %s", "PATH", "VM", "MINED -> NFT p50/p95", "MINED -> SSH BANNER p50/p95",
                "MINED -> WALLET LOGIN OK p50/p95");
        line(t, "cold", cold);
        line(t, "warm", warm);
        t.row("%-8s %-22s %-28s %-28s %s", "", "", "MINED -> CONFIRMED p50/p95", "CONFIRMED -> SSH BANNER p50/p95",
                "CONFIRMED -> WALLET LOGIN OK p50/p95");
        afterConfirmation(t, "cold", cold);
        afterConfirmation(t, "warm", warm);
        t.row("%-62s %.2f / %.2f", "ratio warm/cold, banner p50 / login p50",
                ratio(warm, cold, Sample::banner), ratio(warm, cold, Sample::login));
        t.row("%-62s %.2f", "ratio warm/cold, login after confirmation p50", ratio(warm, cold, Sample::loginAfterConfirmation));
        t.row("%-62s %s (RSS p50 %.0f MiB, max %.0f MiB)", "memory per ready pool VM: guest configured", guestMemory,
                BenchStats.percentile(poolRssMib, 50), BenchStats.percentile(poolRssMib, 100));
        cold.forEach(s -> perPurchase(t, "cold", s));
        warm.forEach(s -> perPurchase(t, "warm", s));
        Set<String> coldVms = new HashSet<>();
        cold.forEach(s -> coldVms.add(s.vm()));
        t.row("warm path of the warm purchases (runtime log: pipeline stages, vm-assign, its steps in the guest), p50 / p95:");
        Map<String, List<Double>> warmSteps = new java.util.LinkedHashMap<>();
        warm.forEach(s -> s.steps().forEach((step, v) -> warmSteps.computeIfAbsent(step, k -> new ArrayList<>()).add(v)));
        warmSteps.forEach((step, v) -> t.row("  %-60s %s", step, BenchStats.p50p95(v)));
        t.row("  %-60s %s", "NFT seen -> wallet login OK (test: decrypt, ssh, pam_web3 challenge signed)",
                BenchStats.p50p95(warm.stream().map(s -> s.login() - s.nft()).toList()));
        t.row("cold path of the cold purchases' VMs (libvirt provisioner's log), p50 / p95:");
        BenchStats.coldPath(BenchStats.runtimeLog(home), coldVms).forEach((step, v) -> t.row("  %-40s %s", step, BenchStats.p50p95(v)));
        t.write();
        Files.copy(Path.of(System.getProperty("e2e.reports", "target"), "e2e-timings", "5-bench-warm-cold.txt"),
                Path.of(System.getProperty("e2e.reports", "target"), "bench-warm-cold.txt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue((warmOnly || cold.size() >= 2) && warm.size() >= 2, "at least 2 + 2 purchases (2 warm with warmOnly)");
    }

    private static void line(Timings t, String path, List<Sample> samples) {
        t.row("%-8s %-22s %-28s %-28s %s", path, samples.size() + " purchases", BenchStats.p50p95(of(samples, Sample::nft)),
                BenchStats.p50p95(of(samples, Sample::banner)), BenchStats.p50p95(of(samples, Sample::login)));
    }

    private static void afterConfirmation(Timings t, String path, List<Sample> samples) {
        t.row("%-8s %-22s %-28s %-28s %s", path, samples.size() + " purchases", BenchStats.p50p95(of(samples, Sample::confirmed)),
                BenchStats.p50p95(of(samples, Sample::bannerAfterConfirmation)),
                BenchStats.p50p95(of(samples, Sample::loginAfterConfirmation)));
    }

    private static void perPurchase(Timings t, String path, Sample s) {
        t.row("  %s %-20s confirmed %-9s NFT %-9s banner %-9s login %-9s (login after confirmation %s)", path, s.vm(),
                BenchStats.secs(s.confirmed()), BenchStats.secs(s.nft()), BenchStats.secs(s.banner()),
                BenchStats.secs(s.login()), BenchStats.secs(s.loginAfterConfirmation()));
    }

    private static double ratio(List<Sample> warm, List<Sample> cold, java.util.function.ToDoubleFunction<Sample> f) {
        return BenchStats.percentile(of(warm, f), 50) / BenchStats.percentile(of(cold, f), 50);
    }

    private static List<Double> of(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
        return samples.stream().map(s -> f.applyAsDouble(s)).toList();
    }
}
