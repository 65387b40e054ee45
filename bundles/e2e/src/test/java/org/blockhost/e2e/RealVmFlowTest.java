package org.blockhost.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
    private static final Duration BOOT = Duration.ofMinutes(4);

    @TempDir
    Path home;

    @Test
    void walletLoginIntoARealGuestFromPurchaseToDestroy() throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/org.blockhost.core.lifecycle.cfg"), TestDriverFlowTest.LIFECYCLE_CFG);
        Files.createDirectories(TEMPLATES);
        DevKeys.ensureAnvilKeyFile(home, 3);
        DevKeys.ensureAnvilKeyFile(home, 4);
        Path aliceKey = DevKeys.anvilKeyFile(home, 3);
        Path bobKey = DevKeys.anvilKeyFile(home, 4);
        Timings t = new Timings("2-real-vm", "real-VM flow: blockhost dev --real-vms, one QEMU (TCG) guest");
        Stack stack = Stack.start(home, List.of("--real-vms"), Duration.ofMinutes(20), templateEnv());
        try (DemoChain chain = DemoChain.connect(DevStack.read(home), Duration.ofSeconds(60));
                DemoWallet alice = DemoWallet.fromKeyFile(aliceKey);
                MintWatcher mints = new MintWatcher(new ChainControl(chain))) {
            ChainControl control = new ChainControl(chain);
            Vms vms = new Vms(stack);
            Purchase p = new Subscriptions(chain).buy(alice, 1, 1);
            long mined = System.nanoTime();
            String vm = p.vmName();
            long minted = mints.await(p.subscriptionId(), 300_000);
            vms.awaitState(vm, "active", BOOT);
            VmAccess access = new Credentials(chain).decrypt(alice, new Credentials(chain).awaitToken(p.subscriptionId(),
                    Duration.ofSeconds(10)));
            String host = access.host();
            int port = access.port();
            long ready = SshProbe.awaitBanner(host, port, BOOT);

            Cli.Result ok = Cli.login(home, vm, aliceKey, "id");
            assertEquals(0, ok.exit(), "owner login: " + ok.err() + ok.out());
            assertTrue(ok.out().contains("uid="), ok.out());
            Cli.Result refused = Cli.login(home, vm, bobKey, "id");
            assertNotEquals(0, refused.exit(), "another wallet must not log in: " + refused.out());

            control.advanceTime(Duration.ofDays(1).toSeconds() + 60);
            vms.awaitState(vm, "suspended", Duration.ofSeconds(90));
            SshProbe.awaitSilence(host, port, Duration.ofSeconds(30));

            new Subscriptions(chain).extend(alice, p.subscriptionId(), 1);
            long extended = System.nanoTime();
            vms.awaitState(vm, "active", Duration.ofSeconds(90));
            long back = SshProbe.awaitBanner(host, port, Duration.ofSeconds(90));
            Cli.Result again = Cli.login(home, vm, aliceKey, "id");
            assertEquals(0, again.exit(), "login after resume: " + again.err() + again.out());

            control.advanceTime(Duration.ofDays(1).toSeconds() + 60);
            vms.awaitState(vm, "suspended", Duration.ofSeconds(90));
            control.mine(80);
            vms.awaitState(vm, "destroyed", Duration.ofSeconds(120));
            SshProbe.awaitSilence(host, port, Duration.ofSeconds(30));

            t.header("%-16s %-30s %-30s %s", "VM", "PURCHASE MINED -> NFT MINTED", "PURCHASE MINED -> SSH READY",
                    "EXTENSION MINED -> SSH READY");
            t.row("%-16s %-30s %-30s %s", vm, String.format("%.2f s", Timings.seconds(mined, minted)),
                    String.format("%.1f s", Timings.seconds(mined, ready)), String.format("%.1f s", Timings.seconds(extended, back)));
            t.row("%-62s %.1f s", "blockhost dev --real-vms start (to dev.json + /ready 200)", stack.startMillis / 1000.0);
            t.row("%-62s %d MiB", "runtime RSS (VmRSS, EVM engine + libvirt provisioner, 1 guest)", stack.runtimeRssKiB() / 1024);
            t.write();
        } finally {
            stack.close();
        }
        assertEquals(List.of(), stack.leftBehind(), "processes left behind");
    }

    private static java.util.Map<String, String> templateEnv() {
        return java.util.Map.of("BLOCKHOST_TEMPLATE_DIR", TEMPLATES.toString());
    }
}
