package org.blockhost.demo;

import java.util.function.Function;
import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.CryptoException;
import org.blockhost.crypto.api.SiweMessage;

/**
 * The two prompts pam_web3 shows on SSH keyboard-interactive (OpenSSH hands each whole prompt to
 * the askpass program): first {@code "Wallet address: "}, answered with the wallet's address;
 * then the Sign-In with Ethereum message for that address, from the domain before
 * {@code " wants you to sign in with your Ethereum account:"} to the end of the
 * {@code "Expiration Time: "} line, followed by {@code "Signature: "}.
 */
public final class SiwePrompt {
    private static final String HEAD = " wants you to sign in with your Ethereum account:\n";
    private static final String LAST = "\nExpiration Time: ";
    private static final String WALLET_PROMPT = "Wallet address:";

    private SiwePrompt() {
    }

    /** Whether this is pam_web3's first prompt, the one asking for the wallet address. */
    public static boolean asksForWallet(String prompt) {
        return prompt.stripTrailing().endsWith(WALLET_PROMPT) && extract(prompt) == null;
    }

    /**
     * The askpass answer for {@code wallet}: its EIP-55 address to the wallet prompt, the
     * signature to the sign-in prompt (see {@link #sshLoginMessage}).
     */
    public static String answer(String prompt, Address wallet, Function<String, String> signer) {
        return asksForWallet(prompt) ? wallet.toChecksumString() : signer.apply(sshLoginMessage(prompt, wallet));
    }

    /** The message cut out of the prompt, or {@code null} if there is none. */
    public static String extract(String prompt) {
        String text = prompt.replace("\r\n", "\n");
        int head = text.indexOf(HEAD);
        if (head <= 0) {
            return null;
        }
        int start = head;
        while (start > 0 && text.charAt(start - 1) != ' ' && text.charAt(start - 1) != '\n') {
            start--;
        }
        int last = text.indexOf(LAST, head);
        if (start == head || last < 0) {
            return null;
        }
        int end = text.indexOf('\n', last + 1);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /**
     * The message to sign for an SSH login as {@code wallet}: it must parse as EIP-4361, name an
     * {@code ssh://} URI whose authority is the message's domain, and be addressed to this wallet.
     * Anything else (a web login relayed through a hostile server, another account) is refused.
     */
    public static String sshLoginMessage(String prompt, Address wallet) {
        String message = extract(prompt);
        if (message == null) {
            throw new DemoException("the prompt holds no sign-in message");
        }
        SiweMessage siwe;
        try {
            siwe = SiweMessage.parse(message);
        } catch (CryptoException e) {
            throw new DemoException("the sign-in message is malformed: " + e.getMessage());
        }
        if (!siwe.uri().equals("ssh://" + siwe.domain())) {
            throw new DemoException("the sign-in message is not an SSH login (URI " + siwe.uri() + ")");
        }
        if (!Address.parse(siwe.address()).equals(wallet)) {
            throw new DemoException("the sign-in message is for wallet " + siwe.address() + ", this key is wallet "
                    + wallet.toChecksumString() + ": not this wallet's VM");
        }
        return message;
    }
}
