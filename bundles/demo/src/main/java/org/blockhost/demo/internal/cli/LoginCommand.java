package org.blockhost.demo.internal.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.blockhost.demo.Credentials;
import org.blockhost.demo.DemoChain;
import org.blockhost.demo.DemoException;
import org.blockhost.demo.DemoWallet;
import org.blockhost.demo.DevStack;
import org.blockhost.demo.Names;
import org.blockhost.demo.VmAccess;
import org.blockhost.demo.WalletSsh;

/**
 * {@code blockhost demo login NAME}: decrypt the subscription's credentials with the wallet, then
 * SSH in by wallet signature and run {@code id} (or the given command). Exit status: the remote
 * command's, 1 when the login is refused.
 */
final class LoginCommand extends Command {
    LoginCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    @Override
    int run(List<String> argv) {
        Args args = Args.parse(argv, Set.of("--wallet-key", "--home", "--timeout"), Set.of());
        if (args.positional.size() != 1) {
            throw new UsageException("login needs exactly one NAME (blockhost-NNN or a subscription id)");
        }
        long subscription = Names.subscriptionId(args.positional.get(0));
        Duration timeout = Duration.ofSeconds(args.number("--timeout", 30, 1, 3600));
        Path home = DevStack.home(args.get("--home"), env);
        DevStack stack = DevStack.read(home);
        Path keyFile = walletKey(args.get("--wallet-key"), home);
        VmAccess vm;
        try (DemoWallet wallet = DemoWallet.fromKeyFile(keyFile); DemoChain chain = DemoChain.connect(stack, timeout)) {
            Credentials credentials = new Credentials(chain);
            long token = credentials.tokenOf(subscription).orElseThrow(() -> new DemoException(
                    "subscription " + subscription + " has no access NFT (yet); check `blockhost pipeline`"));
            vm = credentials.decrypt(wallet, token);
        }
        List<String> command = args.rest.isEmpty() ? List.of("id") : args.rest;
        err.println("blockhost demo: logging in to " + vm.vm() + " (" + vm.sshCommand() + ")");
        WalletSsh.Result result = WalletSsh.run(vm, keyFile, home.resolve("ssh").resolve("known_hosts"), timeout,
                timeout.plusSeconds(60), command);
        out.print(result.stdout());
        err.print(result.stderr());
        if (result.refused()) {
            err.println("blockhost demo: the SSH login to " + vm.vm() + " failed or was refused");
            return DemoMain.FAILED;
        }
        return result.exitCode();
    }
}
