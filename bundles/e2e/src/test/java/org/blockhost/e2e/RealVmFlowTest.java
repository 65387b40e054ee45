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
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-VM flow: {@code blockhost dev --real-vms} (libvirtd, QEMU TCG, the template with
 * pam_web3) from purchase to a wallet SSH login, expiry, extension and destroy. One guest.
 */
@Tag("realvm")
class RealVmFlowTest {
    static final Path TEMPLATES = Path.of("/var/tmp/blockhost-realvm/templates");
    private static final Duration BOOT = Duration.ofMinutes(6);
    private static final Duration STEP = Duration.ofSeconds(180);
    /**
     * Grace 0.000833333 d = 72 s: the purchase is final long before the first expiry here (the guest takes
     * minutes to boot), so only the grace keeps the suspended VM until the extension is committed.
     */
    static final String LIFECYCLE_CFG = "intervalSeconds=1\nreconcileIntervalSeconds=1\ngracePeriodDays=0.000833333\n";

    @TempDir
    Path home;
    private Stack stack;
    private DemoChain chain;
    private Vms vms;
    private Path aliceKey;
    private Path bobKey;
    private final Timings timings = new Timings("2-real-vm", "real-VM flow: blockhost dev --real-vms, one QEMU (TCG) guest");

    @Test
    void walletLoginIntoARealGuestFromPurchaseToDestroy() throws Exception {
        prepareHome();
        stack = Stack.start(home, List.of("--real-vms"), Duration.ofMinutes(20),
                Map.of("BLOCKHOST_TEMPLATE_DIR", TEMPLATES.toString()));
        String vm = null;
        try (DemoChain c = DemoChain.connect(DevStack.read(home), Duration.ofSeconds(60));
                DemoWallet alice = DemoWallet.fromKeyFile(aliceKey)) {
            chain = c;
            vms = new Vms(stack);
            Purchase p = new Subscriptions(chain).buy(alice, 1, 1);
            vm = p.vmName();
            VmAccess access = bootAndLogIn(p, alice);
            expireAndRenew(p, alice, access);
            expireForGood(vm, access);
            timings.row("%-62s %.1f s", "blockhost dev --real-vms start (to dev.json + /ready 200)", stack.startMillis / 1000.0);
            timings.write();
        } finally {
            destroyLeftover(vm);
            stack.close();
        }
        assertEquals(List.of(), stack.leftBehind(), "processes left behind");
    }

    private void prepareHome() throws IOException, InterruptedException {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/org.blockhost.core.lifecycle.cfg"), LIFECYCLE_CFG);
        Files.createDirectories(TEMPLATES);
        SigningIntruder.ensureSigner();
        DevKeys.ensureAnvilKeyFile(home, 3);
        DevKeys.ensureAnvilKeyFile(home, 4);
        aliceKey = DevKeys.anvilKeyFile(home, 3);
        bobKey = DevKeys.anvilKeyFile(home, 4);
    }

    /** Purchase mined → NFT → VM active → SSH banner; the owner logs in, another wallet does not. */
    private VmAccess bootAndLogIn(Purchase p, DemoWallet alice) throws Exception {
        long mined = System.nanoTime();
        VmAccess access;
        long minted;
        long banner;
        try (MintWatcher mints = new MintWatcher(new ChainControl(chain))) {
            minted = mints.await(p.subscriptionId(), BOOT.toMillis());
            vms.awaitState(p.vmName(), "active", BOOT);
            Credentials credentials = new Credentials(chain);
            access = credentials.decrypt(alice, credentials.awaitToken(p.subscriptionId(), Duration.ofSeconds(10)));
            banner = SshProbe.awaitBanner(access.host(), access.port(), BOOT);
        }
        assertLogsIn(p.vmName(), "owner login");
        long login = System.nanoTime();
        timings.header("%-16s %-16s %-18s %s", "VM", "MINED -> NFT", "MINED -> SSH READY", "MINED -> WALLET LOGIN OK");
        timings.row("%-16s %-16s %-18s %s", p.vmName(), String.format("%.2f s", Timings.seconds(mined, minted)),
                String.format("%.1f s", Timings.seconds(mined, banner)), String.format("%.1f s", Timings.seconds(mined, login)));
        Cli.Result notTheirs = Cli.login(home, p.vmName(), bobKey, "id");
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
        timings.row("%-62s %d MiB", "runtime RSS (VmRSS, EVM engine + libvirt provisioner, 1 guest)", stack.runtimeRssKiB() / 1024);
        return access;
    }

    /** Expiry → suspended, SSH silent; extension → active, SSH back, the owner logs in again. */
    private void expireAndRenew(Purchase p, DemoWallet alice, VmAccess access) throws Exception {
        new ChainControl(chain).advanceTime(Duration.ofDays(1).toSeconds() + 60);
        vms.awaitState(p.vmName(), "suspended", STEP);
        SshProbe.awaitSilence(access.host(), access.port(), Duration.ofSeconds(30));
        new Subscriptions(chain).extend(alice, p.subscriptionId(), 1);
        long extended = System.nanoTime();
        vms.awaitState(p.vmName(), "active", STEP);
        long back = SshProbe.awaitBanner(access.host(), access.port(), STEP);
        timings.row("%-62s %.1f s", "extension mined -> SSH ready again", Timings.seconds(extended, back));
        assertLogsIn(p.vmName(), "login after resume");
    }

    /** Expiry again, past finality and grace → destroyed, SSH gone. */
    private void expireForGood(String vm, VmAccess access) throws Exception {
        ChainControl control = new ChainControl(chain);
        control.advanceTime(Duration.ofDays(1).toSeconds() + 60);
        vms.awaitState(vm, "suspended", STEP);
        long t0 = System.nanoTime();
        control.mine(80);
        vms.awaitState(vm, "destroyed", STEP);
        timings.row("%-62s %.1f s", "expiry final -> destroyed (grace 72 s)", Timings.seconds(t0, System.nanoTime()));
        SshProbe.awaitSilence(access.host(), access.port(), Duration.ofSeconds(30));
    }

    /** The owner's wallet login runs {@code id}; retried for a minute (cloud-init restarts sshd once after the first boot). */
    private void assertLogsIn(String vm, String what) throws IOException, InterruptedException {
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
    private static void destroyLeftover(String vm) throws InterruptedException {
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
