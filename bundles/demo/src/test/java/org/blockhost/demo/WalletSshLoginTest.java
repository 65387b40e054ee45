package org.blockhost.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.blockhost.demo.internal.cli.CliHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallet SSH login against a real sshd + pam_web3 on loopback: OpenSSH's client, the askpass
 * program signing the module's challenge, the remote command's output and exit status; and
 * {@code blockhost demo login} from a minted NFT on anvil to the login.
 */
class WalletSshLoginTest {
    static final String WALLET1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    static final Duration CONNECT = Duration.ofSeconds(10);
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path home;
    static LoopbackSshd sshd;
    static VmAccess vm;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root: creates a user and a PAM service and runs sshd (as pam/tests/systest.py)");
        sshd = LoopbackSshd.start(Path.of("target/ssh-test").toAbsolutePath(), WALLET1);
        vm = new VmAccess("blockhost-001", "127.0.0.1", sshd.port, LoopbackSshd.USER, "{}");
    }

    @AfterAll
    static void stop() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void theOwnersWalletLogsInAndRunsTheCommand() throws Exception {
        Path key = TestStack.keyFile(home, "w1.key", TestStack.ANVIL_KEYS[1]);
        Path knownHosts = home.resolve("ssh/known_hosts");
        WalletSsh.Result r = WalletSsh.run(vm, key, knownHosts, CONNECT, TIMEOUT, List.of("echo", "login-ok"));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("login-ok\n", r.stdout());
        assertTrue(Files.readString(knownHosts).startsWith("blockhost-001 "), "host key pinned under the VM name");

        WalletSsh.Result status = WalletSsh.run(vm, key, knownHosts, CONNECT, TIMEOUT, List.of("exit 7"));
        assertEquals(7, status.exitCode(), "the remote command's exit status: " + status.stderr());
    }

    @Test
    void anotherWalletIsRefused() throws Exception {
        Path other = TestStack.keyFile(home, "w2.key", TestStack.ANVIL_KEYS[2]);
        WalletSsh.Result r = WalletSsh.run(vm, other, home.resolve("ssh/known_hosts"), CONNECT, TIMEOUT,
                List.of("echo", "login-ok"));
        assertTrue(r.refused(), "exit " + r.exitCode());
        assertEquals("", r.stdout());
        // pam_web3 never shows the owner's wallet: the client gives its own address, signs the
        // challenge for it, and pam_web3 refuses that signature.
        assertTrue(r.stderr().contains("Permission denied"), r.stderr());
    }

    @Test
    void demoLoginGoesFromTheNftToTheShell() throws Exception {
        try (LocalAnvil anvil = LocalAnvil.start(); TestStack t = TestStack.deploy(anvil, home.resolve("dev"));
                DemoWallet buyer = t.wallet(1)) {
            Purchase p = new Subscriptions(t.chain).buy(buyer, 1, 1);
            t.mintSealed(p, "{\"v\":1,\"vm\":\"" + p.vmName() + "\",\"host\":\"127.0.0.1\",\"port\":" + sshd.port
                    + ",\"user\":\"" + LoopbackSshd.USER + "\"}");
            Map<String, String> env = Map.of("BLOCKHOST_HOME", t.home.toString());
            CliHarness.Run id = CliHarness.run(List.of("login", p.vmName(), "--wallet-key",
                    buyer.keyFile().toString()), env);
            assertEquals(0, id.exit(), id.err());
            assertTrue(id.out().startsWith("uid=") && id.out().contains("(" + LoopbackSshd.USER + ")"), id.out());

            CliHarness.Run cmd = CliHarness.run(List.of("login", Long.toString(p.subscriptionId()), "--wallet-key",
                    buyer.keyFile().toString(), "--", "exit", "3"), env);
            assertEquals(3, cmd.exit(), cmd.err());
        }
    }
}
