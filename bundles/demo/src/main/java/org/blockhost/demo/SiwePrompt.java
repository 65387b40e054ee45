package org.blockhost.demo;

import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.CryptoException;
import org.blockhost.crypto.api.SiweMessage;

/**
 * The Sign-In with Ethereum message inside the text pam_web3 shows on SSH keyboard-interactive
 * (OpenSSH hands the whole prompt to the askpass program): from the domain before
 * {@code " wants you to sign in with your Ethereum account:"} to the end of the
 * {@code "Expiration Time: "} line.
 */
public final class SiwePrompt {
    private static final String HEAD = " wants you to sign in with your Ethereum account:\n";
    private static final String LAST = "\nExpiration Time: ";

    private SiwePrompt() {
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
