package org.blockhost.engine.api;

import java.util.Optional;
import java.util.OptionalLong;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A chain backend (EVM, OPNet). Exactly one engine is active in a runtime; an engine bundle
 * registers its implementation as a service carrying the {@link EngineId} property.
 *
 * <p>Threading: every method may be called concurrently from several core threads and must be
 * thread-safe. Methods that talk to a chain node may block for network I/O; core calls them
 * through a fence with a timeout and marks the plugin failed when an unchecked exception escapes.
 *
 * <p>Errors: a node that cannot be reached or answers garbage is reported as
 * {@link ChainUnavailableException}. Core treats that as "unknown", never as a negative answer
 * (an RPC outage must never look like an expired subscription).
 */
@ConsumerType
public interface Engine {

    /** Stable identifier, for example {@code evm} or {@code opnet}; equals the {@link EngineId} property. */
    String id();

    /** Human readable name for consoles, for example "Ethereum (EVM)". */
    String displayName();

    /** How wallet addresses of this chain look and are normalised. Never null; pure, no I/O. */
    AddressFormat addressFormat();

    /**
     * Recovers the signer of a signed text message using the chain's wallet signing convention
     * (EIP-191 {@code personal_sign} for EVM). Pure, no I/O.
     *
     * @param message the exact text that was signed
     * @param signature the signature in the chain's textual encoding
     * @return the signer's address in canonical form ({@link AddressFormat#normalise})
     * @throws InvalidSignatureException when the signature is malformed or does not recover
     */
    String recoverSigner(String message, String signature) throws InvalidSignatureException;

    /**
     * Reads the chain head and the finalized block.
     *
     * @throws ChainUnavailableException when the node cannot answer
     */
    ChainHead head() throws ChainUnavailableException;

    /**
     * Reads a subscription on chain at the finalized block (or head minus the configured depth
     * where the chain has no finality tag). Core calls it before destroying a VM and requires the
     * answer to agree with its store; anything else means "unknown".
     *
     * @return the subscription, or empty when the chain has no subscription with this id at that block
     * @throws ChainUnavailableException when the node cannot answer, or the engine cannot read
     *     subscriptions (the default): core then never destroys
     */
    default Optional<SubscriptionRecord> finalizedSubscription(long subscriptionId) throws ChainUnavailableException {
        throw new ChainUnavailableException("engine " + id() + " cannot read subscriptions at finality");
    }

    /**
     * Tells the chain that the VM of this subscription has been destroyed, so that the contract
     * refuses to take money for renewing it. Core calls it after a destroy and retries it until it
     * returns. Idempotent.
     *
     * <p>Default: nothing to record, for engines whose contracts have no such state.
     *
     * @throws ChainUnavailableException when the node cannot be reached; core retries later
     */
    default void subscriptionDestroyed(long subscriptionId) throws ChainUnavailableException {
        // no on-chain state to record
    }

    /**
     * The chain id wallet sign-in messages must name (EIP-4361 {@code Chain ID}); empty when the
     * chain has none (the default). Pure, no I/O.
     */
    default OptionalLong chainId() {
        return OptionalLong.empty();
    }

    /**
     * The wallet address a VM owner logs in with (the guest user's GECOS {@code wallet=}, checked by
     * pam_web3), for an owner as the chain names it. Core calls it before creating, assigning or
     * re-owning a VM. Default: the owner itself (EVM: the login recovers that address).
     *
     * @param owner the owner in canonical form ({@link AddressFormat#normalise})
     * @throws ChainUnavailableException when the address cannot be known now (node down, or the chain
     *     has not seen the wallet's login key yet); core retries later and never guesses
     */
    default String loginWallet(String owner) throws ChainUnavailableException {
        return owner;
    }

    /** Issues and updates access credentials (the NFTs). Never null. */
    CredentialIssuer credentials();

    /** The host wallet's funds. Never null. */
    Treasury treasury();
}
