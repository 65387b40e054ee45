package org.blockhost.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.blockhost.demo.DemoException;
import org.blockhost.demo.DemoWallet;
import org.blockhost.demo.SiwePrompt;
import org.blockhost.demo.VmAccess;

/**
 * The benchmark's wallet login, cheap enough to retry every {@link #RETRY}: what {@code blockhost demo login}
 * does, without starting a JVM per try (the CLI, then its askpass program): the test's own {@code ssh}
 * (keyboard-interactive) whose prompts are answered in this JVM by the demo client's askpass logic
 * ({@link SiwePrompt#answer}: the wallet's address, then its signature of pam_web3's sign-in message),
 * the host key checked strictly against the one sealed in the NFT. Success as in
 * {@link RealVmFlowTest#assertLogsIn}: {@code id} ran in the guest (exit 0, {@code uid=} printed).
 */
final class WalletLoginProbe {
    static final Duration RETRY = Duration.ofMillis(250);

    private WalletLoginProbe() {
    }

    /** Logs in with {@code wallet} (retrying) until {@code id} runs; returns the {@link System#nanoTime()} it did. */
    static long awaitLogin(Path dir, VmAccess vm, DemoWallet wallet, Duration timeout) throws IOException, InterruptedException {
        Path knownHosts = Files.createTempFile(dir, "known_hosts", "");
        String key = Stack.JSON.readTree(vm.json()).path("hostKey").asText().strip();
        Files.writeString(knownHosts, "[" + vm.host() + "]:" + vm.port() + " " + key + "\n");
        PromptedSsh.Answers answers = prompt -> SiwePrompt.answer(prompt, wallet.address(), m -> "0x" + wallet.sign(m).toHex());
        long end = System.nanoTime() + timeout.toNanos();
        PromptedSsh.Result last = null;
        while (System.nanoTime() < end) {
            try {
                last = PromptedSsh.run(dir, knownHosts, vm.host(), vm.port(), vm.user(), answers, Duration.ofSeconds(60), "id");
                if (last.exit() == 0 && last.output().contains("uid=")) {
                    return System.nanoTime();
                }
            } catch (DemoException e) { // a prompt with nothing to sign: the CLI's askpass exits 1, ssh fails, it is retried
                last = new PromptedSsh.Result(-1, e.getMessage(), java.util.List.of());
            }
            Thread.sleep(RETRY.toMillis());
        }
        throw new AssertionError("no wallet login into " + vm.vm() + " within " + timeout + ": " + last);
    }
}
