package org.blockhost.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.demo.Credentials;
import org.blockhost.demo.DemoChain;
import org.blockhost.demo.DemoWallet;
import org.blockhost.demo.DevKeys;
import org.blockhost.demo.DevStack;
import org.blockhost.demo.Names;
import org.blockhost.demo.Subscriptions;
import org.blockhost.demo.VmAccess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-VM flow: {@code blockhost dev --real-vms} (libvirtd, QEMU TCG, the template with
 * pam_web3) from purchase to a wallet SSH login, expiry, extension and destroy. One guest: the warm
 * pool's (plan 1, one VM, booted before the purchase and assigned to the buyer).
 */
@Tag("realvm")
class RealVmFlowTest {
    static final Path TEMPLATES = Path.of("/var/tmp/blockhost-realvm/templates");
    private static final Duration BOOT = Duration.ofMinutes(6);
    private static final Duration STEP = Duration.ofSeconds(180);
    /**
     * Grace 0.000347222 d = 30 s: the purchase is final long before the first expiry here (the guest takes
     * minutes to boot), so only the grace keeps the suspended VM until the extension is final (the test
     * mines the finality blocks right after the extension).
     */
    static final String LIFECYCLE_CFG = "intervalSeconds=1\nreconcileIntervalSeconds=1\ngracePeriodDays=0.000347222\n";

    @TempDir
    Path home;
    private Stack stack;
    private DemoChain chain;
    private Vms vms;
    private Path aliceKey;
    private Path bobKey;
    /** What the demo client logs in to: {@code blockhost-NNN} of the subscription (the VM keeps its pool name). */
    private String login;
    private final Timings timings = new Timings("2-real-vm", "real-VM flow: blockhost dev --real-vms, one QEMU (TCG) guest");

    @Test
    void walletLoginIntoARealGuestFromPurchaseToDestroy() throws Exception {
        prepareHome();
        Set<Long> before = RealGuest.sweepLeftovers();
        stack = Stack.start(home, List.of("--real-vms"), Duration.ofMinutes(20),
                Map.of("BLOCKHOST_TEMPLATE_DIR", TEMPLATES.toString()));
        long up = System.nanoTime();
        WarmPool.configure(home, 2); // once the template is built: the pool VM boots from the current image
        String vm = WarmPool.FIRST; // the fresh store's first pool VM: destroyed at the end also when the buy fails half-way
        try (DemoChain c = DemoChain.connect(DevStack.read(home), Duration.ofSeconds(60));
                DemoWallet alice = DemoWallet.fromKeyFile(aliceKey)) {
            chain = c;
            vms = new Vms(stack);
            VmAccess access;
            long subscription;
            vm = WarmPool.awaitReady(stack, BOOT);
            String poolKey = WarmPool.hostKey(vm);
            WarmPool.configure(home, 3600); // no refill after the purchase: the flow keeps one guest
            timings.row("%-62s %.1f s", "stack up -> pool VM ready (first boot before the purchase)",
                    Timings.seconds(up, System.nanoTime()));
            try (BrowserBuyer buyer = BrowserBuyer.start(stack.dev.path("httpsUrl").asText(), chain.stack().rpcUrl(),
                    chain.stack().chainId(), aliceKey)) {
                Bought bought = buyInTheBrowser(buyer, alice);
                subscription = bought.subscriptionId();
                access = bootAndLogIn(buyer, bought, alice, vm, poolKey);
                assertEquals(List.of(), buyer.violations(), "serious or critical axe-core violations on /sign");
            }
            powerOffWhilePaid(vm, access);
            expireAndRenew(subscription, vm, alice, access);
            expireWhileOff(vm, access);
            timings.row("%-62s %.1f s", "blockhost dev --real-vms start (to dev.json + /ready 200)", stack.startMillis / 1000.0);
            timings.write();
        } finally {
            destroyLeftover(vm);
            stack.close();
            Logs.keep(home, "realvm-flow");
            RealGuest.killStartedGuests(before);
            RealGuest.dropAgentTables();
        }
        assertEquals(List.of(), stack.leftBehind(), "processes left behind");
    }

    private void prepareHome() throws IOException, InterruptedException {
        prepareHome(home);
        aliceKey = DevKeys.anvilKeyFile(home, 3);
        bobKey = DevKeys.anvilKeyFile(home, 4);
    }

    /** The lifecycle's pace, the shared template cache, pam's signer and anvil's accounts 3 and 4 as key files. */
    static void prepareHome(Path home) throws IOException, InterruptedException {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/org.blockhost.core.lifecycle.cfg"), LIFECYCLE_CFG);
        Files.createDirectories(TEMPLATES);
        SigningIntruder.ensureSigner();
        DevKeys.ensureAnvilKeyFile(home, 3);
        DevKeys.ensureAnvilKeyFile(home, 4);
    }

    /**
     * Plan 1 for 1 day bought on {@code /} with the injected wallet (stablecoin minted to it first); the
     * page follows the purchase until the VM is ready for login and shows the details.
     */
    private Bought buyInTheBrowser(BrowserBuyer buyer, DemoWallet alice) throws Exception {
        try (MintWatcher mints = new MintWatcher(new ChainControl(chain))) {
            Subscriptions subscriptions = new Subscriptions(chain);
            subscriptions.mintStablecoin(alice, subscriptions.price(1, 1));
            long clicked = System.nanoTime();
            long subscription = buyer.buy(1, BOOT);
            long shown = System.nanoTime();
            assertEquals(alice.address().toChecksumString(), subscriptions.subscription(subscription).subscriber(),
                    "the browser's purchase is the injected wallet's");
            long minted = mints.await(subscription, 10_000);
            Long mined = mints.purchaseMined(subscription);
            return new Bought(subscription, clicked, mined == null ? clicked : mined, minted, shown);
        }
    }

    /**
     * The browser's purchase: when Buy was clicked, the purchase first seen mined, the NFT seen minted
     * and the page showed the details (nanoTime).
     */
    private record Bought(long subscriptionId, long clicked, long mined, long minted, long shown) {
    }

    /**
     * Bought in the browser → served warm: the pool VM {@code vm} is the subscription's (the NFT names
     * it, the pool counts it assigned) → active → SSH banner; the host key {@code /servers} shows is the
     * one ssh sees, and not the pool VM's key from before the assignment; the owner logs in with a
     * signature made on {@code /sign} (the link pam_web3 printed), another wallet does not.
     */
    private VmAccess bootAndLogIn(BrowserBuyer buyer, Bought bought, DemoWallet alice, String vm, String poolKey)
            throws Exception {
        login = Names.vmName(bought.subscriptionId());
        Credentials credentials = new Credentials(chain);
        VmAccess access = credentials.decrypt(alice, credentials.awaitToken(bought.subscriptionId(), Duration.ofSeconds(10)));
        long banner = SshProbe.awaitBanner(access.host(), access.port(), BOOT); // what the NFT names, before "active"
        vms.awaitState(vm, "active", BOOT);
        assertEquals(vm, access.vm(), "served warm: the subscription's VM is the pool VM");
        assertEquals(1, WarmPool.count(stack, "assigned"), "the pool counts its VM assigned: " + WarmPool.list(stack));
        assertEquals(0, WarmPool.list(stack).path("vms").size(), "no pool VM left, none refilled: " + WarmPool.list(stack));
        assertForwarded(access);
        String seen = BrowserLogin.sealedHostKeyIsTheOneSshSees(access);
        assertTrue(!seen.contains(poolKey), "assign gave the VM new SSH host keys; still the pool VM's: " + poolKey);
        Path knownHosts = BrowserLogin.serversPageShowsThatKey(home, buyer.servers(), access, seen);
        long loginStarted = System.nanoTime();
        PromptedSsh.Result login = BrowserLogin.login(home, buyer, access, knownHosts, alice.address().toChecksumString(), STEP);
        long loggedIn = System.nanoTime();
        assertEquals(0, login.exit(), "the browser-signed login: " + login.output() + login.prompts());
        assertTrue(login.output().contains("uid="), "id ran in the guest: " + login.output());
        timings.header("%-16s %-16s %-22s %-18s %s", "VM", "BUY -> NFT", "BUY -> DETAILS SHOWN", "BUY -> SSH READY",
                "BUY -> BROWSER-SIGNED LOGIN OK");
        timings.row("%-16s %-16s %-22s %-18s %s", vm, String.format("%.2f s", Timings.seconds(bought.clicked(), bought.minted())),
                String.format("%.1f s", Timings.seconds(bought.clicked(), bought.shown())),
                String.format("%.1f s", Timings.seconds(bought.clicked(), banner)),
                String.format("%.1f s", Timings.seconds(bought.clicked(), loggedIn)));
        timings.header("%-16s %-18s %-22s %s", "", "MINED -> NFT", "MINED -> SSH READY", "MINED -> BROWSER-SIGNED LOGIN OK");
        timings.row("%-16s %-18s %-22s %s", "(purchase mined)", String.format("%.2f s", Timings.seconds(bought.mined(), bought.minted())),
                String.format("%.1f s", Timings.seconds(bought.mined(), banner)),
                String.format("%.1f s", Timings.seconds(bought.mined(), loggedIn)));
        timings.row("%-62s %.1f s", "  SSH ready -> login started (ssh-keyscan, /servers page)", Timings.seconds(banner, loginStarted));
        timings.row("%-62s %.1f s", "  the login (ssh, pam_web3's challenge signed on /sign)", Timings.seconds(loginStarted, loggedIn));
        pipelineStages();
        assertOthersRefused(vm, access);
        timings.row("%-62s %d MiB", "runtime RSS (VmRSS, EVM engine + libvirt provisioner, 1 guest)", stack.runtimeRssKiB() / 1024);
        return access;
    }

    /** The warm purchase's pipeline stages (one subscription: each stage's histogram sum is its time, /metrics). */
    private void pipelineStages() throws IOException, InterruptedException {
        String metrics = stack.get("/metrics");
        for (String stage : List.of("received", "vm_created", "credentials_encrypted", "nft_minted", "owner_set")) {
            String name = "blockhost_pipeline_stage_seconds_sum{stage=\"" + stage + "\"}";
            timings.row("%-62s %.2f s", "  pipeline stage " + stage + " (/metrics)", Metrics.value(metrics, name));
        }
    }

    /** Another wallet: the demo client cannot decrypt, and pam_web3 in the guest refuses its signature. */
    private void assertOthersRefused(String vm, VmAccess access) throws Exception {
        Cli.Result notTheirs = Cli.login(home, login, bobKey, "id");
        assertEquals(1, notTheirs.exit(), "the demo client refuses another wallet's login: " + notTheirs.out());
        SigningIntruder.Attempt intruder = SigningIntruder.login(home, bobKey, access.host(), access.port(), access.user());
        // cloud-init may restart sshd after the first login: retry an attempt that never saw the challenge
        for (long end = System.nanoTime() + 60_000_000_000L; !intruder.signedChallenge() && System.nanoTime() < end; ) {
            assertNotEquals(0, intruder.exit(), "pam_web3 must refuse another wallet: " + intruder.output());
            Thread.sleep(2000);
            intruder = SigningIntruder.login(home, bobKey, access.host(), access.port(), access.user());
        }
        assertTrue(intruder.signedChallenge(), "pam_web3's challenge reached the other wallet's signer: " + intruder.output());
        assertNotEquals(0, intruder.exit(), "pam_web3 must refuse another wallet's signature: " + intruder.output());
        assertTrue(!intruder.output().contains("uid="), intruder.output());
    }

    /**
     * Port-forward mode (single public address): the NFT names the host's public (non-loopback) address
     * and core's port 22000 + N, and the root agent's kernel map forwards that port to the VM's pool
     * address, port 22; the banner above came through it.
     */
    private static void assertForwarded(VmAccess access) throws Exception {
        assertTrue(!access.host().startsWith("127.") && !"localhost".equals(access.host()), "public host: " + access.host());
        assertEquals(22001, access.port(), "core's public port for blockhost-001");
        String map = RealGuest.forwards();
        assertTrue(map.contains("22001 : 10.231.0."), "the kernel forwards 22001 to the VM's pool address: " + map);
    }

    /** The tenant runs {@code sudo poweroff}: the VM is paid, so the lifecycle starts it again and the owner logs in. */
    private void powerOffWhilePaid(String vm, VmAccess access) throws Exception {
        long off = powerOff(vm);
        JsonNode shown = vms.await(vm, STEP, "started again after the tenant's poweroff",
                v -> Vms.audited(v, "lifecycle", "started again", "was shut off"));
        assertEquals("active", shown.path("state").asText());
        long back = SshProbe.awaitBanner(access.host(), access.port(), BOOT);
        assertLogsIn(vm, "login after the tenant's poweroff");
        keepsItsNameAcrossTheReboot(vm);
        timings.row("%-62s %.1f s", "tenant poweroff -> started again -> SSH ready", Timings.seconds(off, back));
    }

    /**
     * The pool VM was renamed by the assignment; after the tenant's poweroff and the new boot, cloud-init
     * (whose user-data still names the pool VM) has not set its host name or {@code /etc/hosts} back.
     */
    private void keepsItsNameAcrossTheReboot(String vm) throws IOException, InterruptedException {
        Cli.Result r = Cli.login(home, login, aliceKey, "hostname;", "cat", "/etc/hosts");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().lines().anyMatch(login::equals), "host name after the reboot: " + r.out());
        assertTrue(r.out().contains("127.0.1.1\t" + login + "\n") && !r.out().contains(vm), "/etc/hosts after the reboot: " + r.out());
    }

    /** {@code sudo systemctl poweroff} in the guest as the owner (its wallet login); returns when it was sent. */
    private long powerOff(String vm) throws IOException, InterruptedException {
        Cli.Result r = Cli.login(home, login, aliceKey, "sudo", "systemctl", "poweroff", "--no-block");
        assertEquals(0, r.exit(), "the tenant's sudo poweroff: " + r.err() + r.out());
        return System.nanoTime();
    }

    /**
     * Expiry → suspended by managed save: QEMU exits, the VM holds no RAM; SSH silent. Extension (made
     * final at once) → active, SSH back, the owner logs in again.
     */
    private void expireAndRenew(long subscription, String vm, DemoWallet alice, VmAccess access) throws Exception {
        long pid = RealGuest.qemuPid(vm).orElseThrow(() -> new AssertionError("no QEMU process for a running VM"));
        long rss = RealGuest.rssKiB(pid);
        ChainControl control = new ChainControl(chain);
        control.advanceTime(Duration.ofDays(1).toSeconds() + 60);
        vms.awaitState(vm, "suspended", STEP);
        SshProbe.awaitSilence(access.host(), access.port(), Duration.ofSeconds(30));
        assertEquals("shut off", RealGuest.domState(vm), "managed save leaves the domain off");
        assertTrue(RealGuest.qemuPid(vm).isEmpty(), "a suspended VM holds no RAM: its QEMU process is gone");
        timings.row("%-62s %d MiB -> none", "suspended VM: RSS of its QEMU process before -> after", rss / 1024);
        new Subscriptions(chain).extend(alice, subscription, 1);
        long extended = System.nanoTime();
        control.mine(70);
        vms.awaitState(vm, "active", STEP);
        long back = SshProbe.awaitBanner(access.host(), access.port(), STEP);
        timings.row("%-62s %.1f s", "extension mined -> SSH ready again", Timings.seconds(extended, back));
        assertLogsIn(vm, "login after resume");
    }

    /**
     * The tenant powers the VM off while the lifecycle is held (a runtime that is not running), the
     * subscription expires meanwhile; the lifecycle comes back: suspended from off (left off, no QEMU,
     * not started); then past finality and grace → destroyed, SSH gone.
     */
    private void expireWhileOff(String vm, VmAccess access) throws Exception {
        RealGuest.lifecycleInterval(home, LIFECYCLE_CFG, 3600);
        powerOff(vm);
        RealGuest.awaitDomState(vm, "shut off", STEP);
        ChainControl control = new ChainControl(chain);
        control.advanceTime(Duration.ofDays(1).toSeconds() + 60);
        RealGuest.lifecycleInterval(home, LIFECYCLE_CFG, 1);
        JsonNode suspended = vms.awaitState(vm, "suspended", STEP);
        assertEquals(1, countStarts(suspended), "an expired VM that is off is not started again: " + suspended.path("audit"));
        assertEquals("shut off", RealGuest.domState(vm), "suspended from off: the domain stays off");
        assertTrue(RealGuest.qemuPid(vm).isEmpty(), "suspended from off: no QEMU process");
        long t0 = System.nanoTime();
        control.mine(80);
        vms.awaitState(vm, "destroyed", STEP);
        timings.row("%-62s %.1f s", "expiry final -> destroyed (grace 30 s)", Timings.seconds(t0, System.nanoTime()));
        SshProbe.awaitSilence(access.host(), access.port(), Duration.ofSeconds(30));
    }

    /** How many times the lifecycle audited {@code started again} (once: after the tenant's first poweroff). */
    private static long countStarts(JsonNode vm) {
        long n = 0;
        for (JsonNode a : vm.path("audit")) {
            n += "started again".equals(a.path("action").asText()) ? 1 : 0;
        }
        return n;
    }

    /** The owner's wallet login runs {@code id}; retried for a minute (cloud-init restarts sshd once after the first boot). */
    private void assertLogsIn(String vm, String what) throws IOException, InterruptedException {
        assertLogsIn(home, login, aliceKey, what);
    }

    static void assertLogsIn(Path home, String vm, Path aliceKey, String what) throws IOException, InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Cli.Result r = Cli.login(home, vm, aliceKey, "id");
        while (r.exit() != 0 && System.nanoTime() < end) {
            Thread.sleep(2000);
            r = Cli.login(home, vm, aliceKey, "id");
        }
        assertEquals(0, r.exit(), what + ": " + r.err() + r.out());
        assertTrue(r.out().contains("uid="), r.out());
    }

    /** After a failure the guest must not outlive the test: destroy and undefine it on the system libvirtd. */
    static void destroyLeftover(String vm) throws InterruptedException {
        if (vm == null) {
            return;
        }
        for (String action : List.of("destroy", "undefine")) {
            try {
                new ProcessBuilder("virsh", "-q", "-c", "qemu:///system", action, vm).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            } catch (IOException e) {
                System.err.println("virsh " + action + " " + vm + ": " + e.getMessage());
            }
        }
    }
}
