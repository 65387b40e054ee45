package org.blockhost.demo.internal.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.blockhost.demo.Credentials;
import org.blockhost.demo.DemoChain;
import org.blockhost.demo.DemoWallet;
import org.blockhost.demo.DevStack;
import org.blockhost.demo.Purchase;
import org.blockhost.demo.Subscriptions;
import org.blockhost.demo.VmAccess;

/** {@code blockhost demo buy}: buy, wait for the NFT, decrypt, print the connection details. */
final class BuyCommand extends Command {
    BuyCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        super(env, out, err);
    }

    @Override
    int run(List<String> argv) {
        Args args = Args.parse(argv, Set.of("--plan", "--days", "--wallet-key", "--home", "--timeout"), Set.of("--json"));
        if (!args.positional.isEmpty() || !args.rest.isEmpty()) {
            throw new UsageException("buy takes no arguments besides options");
        }
        long plan = args.number("--plan", 1, 1, Long.MAX_VALUE / 2);
        int days = (int) args.number("--days", 30, 1, 3650);
        Duration timeout = Duration.ofSeconds(args.number("--timeout", 600, 1, 86_400));
        Path home = DevStack.home(args.get("--home"), env);
        DevStack stack = DevStack.read(home);
        Path keyFile = walletKey(args.get("--wallet-key"), home);
        try (DemoWallet wallet = DemoWallet.fromKeyFile(keyFile); DemoChain chain = DemoChain.connect(stack, timeout)) {
            Purchase purchase = buy(chain, wallet, plan, days, timeout);
            Credentials credentials = new Credentials(chain);
            long token = credentials.awaitToken(purchase.subscriptionId(), timeout);
            VmAccess vm = credentials.decrypt(wallet, token);
            String login = loginCommand(purchase.vmName(), wallet.keyFile(), args.get("--home"));
            print(args.flag("--json"), purchase, token, vm, login);
        }
        return DemoMain.OK;
    }

    private Purchase buy(DemoChain chain, DemoWallet wallet, long planId, int days, Duration timeout) {
        Subscriptions subscriptions = new Subscriptions(chain);
        String buyer = wallet.address().toChecksumString();
        if (chain.ensureGas(wallet.address())) {
            err.println("blockhost demo: gave " + buyer + " 10 ETH for gas (anvil_setBalance)");
        }
        Subscriptions.Plan plan = subscriptions.plan(planId);
        BigInteger price = plan.active() ? subscriptions.price(planId, days) : BigInteger.ZERO;
        err.println("blockhost demo: " + buyer + " buys plan " + planId + " (" + plan.name() + ") for " + days
                + " days" + (plan.active() ? ": " + subscriptions.formatAmount(price) : ""));
        Purchase purchase = subscriptions.buy(wallet, planId, days);
        err.println("blockhost demo: subscription " + purchase.subscriptionId() + " bought in block "
                + purchase.blockNumber() + "; waiting up to " + timeout.toSeconds() + " s for its access NFT");
        return purchase;
    }

    static String loginCommand(String vm, Path keyFile, String home) {
        return "blockhost demo login " + vm + " --wallet-key " + keyFile.toAbsolutePath()
                + (home != null ? " --home " + Path.of(home).toAbsolutePath() : "");
    }

    private void print(boolean json, Purchase purchase, long token, VmAccess vm, String login) {
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("subscriptionId", purchase.subscriptionId());
            o.put("tokenId", token);
            o.put("vm", vm.vm());
            o.put("host", vm.host());
            o.put("port", vm.port());
            o.put("user", vm.user());
            o.put("wallet", purchase.subscriber());
            o.put("expiresAt", purchase.expiresAt());
            o.put("transactionHash", purchase.transactionHash());
            o.put("ssh", vm.sshCommand());
            o.put("login", login);
            try {
                out.println(new ObjectMapper().writeValueAsString(o));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        out.printf("subscription  %d%ntoken         %d%nvm            %s%nhost          %s%nport          %d%n"
                + "user          %s%n%nconnect:  %s%nlogin:    %s%n", purchase.subscriptionId(), token, vm.vm(),
                vm.host(), vm.port(), vm.user(), vm.sshCommand(), login);
    }
}
