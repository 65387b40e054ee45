package org.blockhost.demo.internal.cli;

import java.nio.file.Path;
import org.blockhost.demo.DemoException;
import org.blockhost.demo.DemoWallet;
import org.blockhost.demo.SiwePrompt;
import org.blockhost.demo.WalletSsh;

/**
 * The SSH_ASKPASS program of {@code blockhost demo login}: OpenSSH passes the whole prompt as the
 * only argument; the answer (the wallet's address to pam_web3's {@code Wallet address:} prompt,
 * then the signature of the sign-in message) goes to stdout, for ssh alone. The key file's path
 * comes from {@link WalletSsh#KEY_FILE_ENV}. Exit 1 (no answer) when there is nothing to sign.
 */
public final class AskpassMain {
    private AskpassMain() {
    }

    public static void main(String[] args) {
        String keyFile = System.getenv(WalletSsh.KEY_FILE_ENV);
        if (args.length != 1 || keyFile == null || keyFile.isEmpty()) {
            System.err.println("blockhost askpass: needs the prompt as its argument and " + WalletSsh.KEY_FILE_ENV);
            System.exit(2);
        }
        try (DemoWallet wallet = DemoWallet.fromKeyFile(Path.of(keyFile))) {
            System.out.println(SiwePrompt.answer(args[0], wallet.address(), m -> "0x" + wallet.sign(m).toHex()));
        } catch (DemoException e) {
            System.err.println("blockhost askpass: " + e.getMessage());
            System.exit(1);
        }
    }
}
