package org.blockhost.engine.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Issues access credentials (NFTs) carrying encrypted connection details.
 *
 * <p>Idempotency: {@link #mint} is keyed by subscription id; calling it again after a crash, a
 * timeout or a success returns the existing token and never mints a second one. Threading:
 * thread-safe; transactions go through the engine's single nonce-managed sender.
 */
@ConsumerType
public interface CredentialIssuer {

    /**
     * Mints the credential of a subscription to {@code owner}, or returns the existing one.
     *
     * @param subscriptionId the subscription's id (0 is the admin credential)
     * @param owner the owner's address
     * @param encryptedCredentials the ECIES blob for the owner's access key
     * @return the token id, read from the mint's receipt or the existing mapping
     * @throws ChainRejectedException when the contract refuses the mint (it reverts, e.g. the owner
     *     is not the subscription's subscriber): retrying gives the same answer
     * @throws ChainUnavailableException when the chain cannot be reached; retry later
     */
    long mint(long subscriptionId, String owner, byte[] encryptedCredentials) throws ChainUnavailableException;

    /** The token minted for a subscription, if any. */
    Optional<Long> tokenOfSubscription(long subscriptionId) throws ChainUnavailableException;

    /** Replaces the encrypted credentials of a token (after an access-key rotation). Idempotent. */
    void updateCredentials(long tokenId, byte[] encryptedCredentials) throws ChainUnavailableException;

    /** The current owner of a token, in canonical form. */
    String ownerOf(long tokenId) throws ChainUnavailableException;

    /** The holder of the admin credential (token 0), empty before it is minted. */
    Optional<String> adminHolder() throws ChainUnavailableException;
}
