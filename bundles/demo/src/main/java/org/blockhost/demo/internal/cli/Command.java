package org.blockhost.demo.internal.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.blockhost.demo.DevKeys;

/** A {@code blockhost demo} subcommand: its environment and output streams. */
abstract class Command {
    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;

    Command(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** Runs with the arguments after the subcommand's name; returns the exit status. */
    abstract int run(List<String> argv);

    /** The wallet key file: the option's, else anvil's dev account #1 (written on first use). */
    Path walletKey(String option, Path home) {
        if (option != null) {
            return Path.of(option);
        }
        if (DevKeys.ensureAnvilKeyFile(home, 1)) {
            err.println("blockhost demo: wrote anvil's dev account #1 key to " + DevKeys.anvilKeyFile(home, 1)
                    + " (mode 0600)");
        }
        return DevKeys.anvilKeyFile(home, 1);
    }
}
