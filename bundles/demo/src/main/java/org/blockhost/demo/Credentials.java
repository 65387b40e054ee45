package org.blockhost.demo;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.blockhost.crypto.api.AccessKeyPair;
import org.blockhost.crypto.api.Address;
import org.blockhost.crypto.api.CryptoException;
import org.blockhost.crypto.api.Hex;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;

/**
 * The access credential NFT from the holder's side: find the token of a subscription (waiting for
 * the host to mint it), read its owner and sealed credentials, decrypt them with the wallet's
 * re-derived access key, transfer the token, register a new owner's access key.
 */
public final class Credentials {
    private final DemoChain chain;
    private final DevStack stack;

    public Credentials(DemoChain chain) {
        this.chain = chain;
        this.stack = chain.stack();
    }

    /** The token minted for a subscription, if any. */
    public Optional<Long> tokenOf(long subscriptionId) {
        var out = chain.call(stack.credential(), Abi.fn("tokenOfSubscription", List.of(Abi.uint(subscriptionId)),
                List.of(new TypeReference<Bool>() { }, Abi.UINT)));
        return (Boolean) out.get(0).getValue()
                ? Optional.of(((BigInteger) out.get(1).getValue()).longValueExact()) : Optional.empty();
    }

    /** Polls until the host has minted the subscription's token; fails after {@code timeout}. */
    public long awaitToken(long subscriptionId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Long> token = tokenOf(subscriptionId);
            if (token.isPresent()) {
                return token.get();
            }
            if (System.nanoTime() > deadline) {
                throw new DemoException("no access NFT for subscription " + subscriptionId + " after "
                        + timeout.toSeconds() + " s; check where it is with `blockhost pipeline` (parked ones:"
                        + " `blockhost pipeline --parked`)");
            }
            DemoChain.sleep(Duration.ofMillis(250));
        }
    }

    /** The token's owner (EIP-55). */
    public String ownerOf(long tokenId) {
        return Abi.address(chain.call(stack.credential(), Abi.fn("ownerOf", List.of(Abi.uint(tokenId)),
                List.of(Abi.ADDRESS))).get(0));
    }

    /** The sealed credentials stored in the token. */
    public byte[] sealedCredentials(long tokenId) {
        return (byte[]) chain.call(stack.credential(), Abi.fn("getCredentials", List.of(Abi.uint(tokenId)),
                List.of(new TypeReference<DynamicBytes>() { }))).get(0).getValue();
    }

    /** The access key registered by the token's owner (empty when none), hex without 0x. */
    public String registeredAccessKey(long tokenId) {
        return Hex.encode((byte[]) chain.call(stack.credential(), Abi.fn("getAccessKey",
                List.of(Abi.uint(tokenId)), List.of(new TypeReference<DynamicBytes>() { }))).get(0).getValue());
    }

    /** Reads and decrypts the token's credentials; fails clearly when this wallet cannot. */
    public VmAccess decrypt(DemoWallet wallet, long tokenId) {
        byte[] sealed = sealedCredentials(tokenId);
        try {
            return decrypt(wallet, stack, sealed);
        } catch (NotSealedToWalletException e) {
            String owner = ownerOf(tokenId);
            throw new DemoException(e.getMessage() + (wallet.address().equals(Address.parse(owner))
                    ? "; the wallet owns token " + tokenId + ": register its access key on the token"
                            + " (setAccessKey) and wait for the host to re-seal them"
                    : ": not its NFT, token " + tokenId + " is owned by " + owner), e);
        }
    }

    /** Decrypts a sealed credentials blob with the wallet's access key for {@code stack}. */
    public static VmAccess decrypt(DemoWallet wallet, DevStack stack, byte[] sealed) {
        byte[] plaintext;
        try (AccessKeyPair pair = wallet.accessKey(stack)) {
            plaintext = pair.decrypt(sealed);
        } catch (CryptoException e) {
            throw new NotSealedToWalletException("wallet " + wallet.address().toChecksumString()
                    + " cannot decrypt these credentials: they are not sealed to its access key", e);
        }
        return VmAccess.parse(plaintext);
    }

    /** The credentials are not sealed to the wallet's access key. */
    public static final class NotSealedToWalletException extends DemoException {
        private static final long serialVersionUID = 1L;

        NotSealedToWalletException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Transfers the token from the wallet to {@code to} ({@code transferFrom}). */
    public void transfer(DemoWallet from, String to, long tokenId) {
        chain.send(from, stack.credential(), Abi.fn("transferFrom", List.of(Abi.address(from.address()),
                Abi.address(to), Abi.uint(tokenId)), List.of()));
    }

    /** Registers the wallet's access key K on its token ({@code setAccessKey}) so the host re-seals to it. */
    public void registerAccessKey(DemoWallet owner, long tokenId) {
        byte[] k;
        try (AccessKeyPair pair = owner.accessKey(stack)) {
            k = pair.publicKey();
        }
        chain.send(owner, stack.credential(), Abi.fn("setAccessKey", List.of(Abi.uint(tokenId), new DynamicBytes(k)),
                List.of()));
    }
}
