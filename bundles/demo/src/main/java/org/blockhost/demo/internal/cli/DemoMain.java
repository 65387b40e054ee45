package org.blockhost.demo.internal.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.blockhost.demo.DemoException;

/** {@code blockhost demo buy|login}: exit 0 ok, 1 failure, 2 usage error. */
public final class DemoMain {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = String.join("\n",
            "usage: blockhost demo buy [--plan N] [--days D] [--wallet-key FILE] [--home DIR] [--json] [--timeout SEC]",
            "       blockhost demo login NAME [--wallet-key FILE] [--home DIR] [--timeout SEC] [-- COMMAND...]",
            "",
            "buy    buys a subscription with a dev wallet (default: anvil's dev account #1, key written to",
            "       <home>/keys/wallet-1.key), waits for its access NFT and prints the decrypted credentials",
            "login  logs in to the VM NAME (blockhost-NNN or a subscription id) over SSH by signing",
            "       pam_web3's sign-in message with the wallet, and runs `id` (or COMMAND) there",
            "",
            "The dev home is --home DIR, else $BLOCKHOST_HOME, else ./.blockhost-dev; it holds dev.json.");

    private DemoMain() {
    }

    public static void main(String[] argv) {
        System.exit(run(Arrays.asList(argv), System.getenv(), System.out, System.err));
    }

    static int run(List<String> argv, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            if (argv.isEmpty()) {
                throw new UsageException("missing command");
            }
            List<String> rest = argv.subList(1, argv.size());
            switch (argv.get(0)) {
                case "buy":
                    return new BuyCommand(env, out, err).run(rest);
                case "login":
                    return new LoginCommand(env, out, err).run(rest);
                case "help": case "-h": case "--help":
                    out.println(USAGE_TEXT);
                    return OK;
                default:
                    throw new UsageException("unknown command '" + argv.get(0) + "'");
            }
        } catch (UsageException e) {
            err.println("blockhost demo: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (DemoException e) {
            err.println("blockhost demo: " + e.getMessage());
            return FAILED;
        }
    }
}
