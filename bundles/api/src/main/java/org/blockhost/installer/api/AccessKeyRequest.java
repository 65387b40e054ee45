package org.blockhost.installer.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What the admin wallet must sign so that its access key can be answered: the exact access-key
 * message (DESIGN.md "Access key") and the answer keys the wallet and the derived key go into.
 *
 * @param walletKey answer key of the admin wallet (for example {@code evm.adminWallet})
 * @param accessKeyKey answer key of the admin's access key (33 bytes compressed, hex)
 * @param wallet the admin wallet answered so far, if any
 * @param message the message to sign with EIP-191 {@code personal_sign}; empty until it is known
 *     (it names the credential contract, which exists only once the engine deployed it)
 * @param page the engine's wizard page (path below the setup context, e.g. {@code /evm-wallet})
 *     where the admin wallet signs the message and the key is derived in the browser, if it has one
 */
public record AccessKeyRequest(String walletKey, String accessKeyKey, Optional<String> wallet, Optional<String> message,
        Optional<String> page) {
    public AccessKeyRequest {
        Objects.requireNonNull(walletKey, "walletKey");
        Objects.requireNonNull(accessKeyKey, "accessKeyKey");
        Objects.requireNonNull(wallet, "wallet");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(page, "page");
    }

    /** A request without a browser page: the key is derived by hand (the CLI). */
    public AccessKeyRequest(String walletKey, String accessKeyKey, Optional<String> wallet, Optional<String> message) {
        this(walletKey, accessKeyKey, wallet, message, Optional.empty());
    }
}
