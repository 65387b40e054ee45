package org.blockhost.crypto.api;

import java.time.Instant;

/** Sign-In with Ethereum (EIP-4361) verification. */
public final class Siwe {
    private Siwe() {
    }

    /**
     * Parses and verifies a signed SIWE message; returns the parsed message whose address signed it. The
     * message must match every expectation (domain, URI, chain id, nonce), be inside its time window and no
     * older than {@link SiweExpectations#maxAge()}; only then is its nonce consumed from {@code nonces}, so a
     * message is accepted at most once.
     *
     * @throws IllegalArgumentException if {@code expect} or {@code nonces} is null
     * @throws SiweException with a specific message if any check fails
     * @throws SignatureFormatException if the signature is malformed
     */
    public static SiweMessage verify(String messageText, String signatureHex, SiweExpectations expect,
                                     NonceStore nonces) {
        if (expect == null || nonces == null) {
            throw new IllegalArgumentException("SIWE verification needs expectations and a nonce store");
        }
        SiweMessage msg = SiweMessage.parse(messageText);
        EthSignature sig = EthSignature.parse(signatureHex);
        Address signer;
        try {
            signer = PersonalSign.recover(messageText, sig);
        } catch (CryptoException e) {
            throw new SiweException("SIWE signature does not recover to a public key");
        }
        if (!signer.equals(Address.parse(msg.address()))) {
            throw new SiweException("SIWE signature was made by " + signer + ", not by the message address " + msg.address());
        }
        checkBindings(msg, expect);
        checkTime(msg, expect);
        if (!nonces.consume(msg.nonce())) {
            throw new SiweException("SIWE nonce was already used, has expired or was never issued");
        }
        return msg;
    }

    private static void checkBindings(SiweMessage msg, SiweExpectations expect) {
        if (!expect.domain().equals(msg.domain())) {
            throw new SiweException("SIWE domain mismatch: expected " + expect.domain() + ", got " + msg.domain());
        }
        if (!expect.uri().equals(msg.uri())) {
            throw new SiweException("SIWE URI mismatch: expected " + expect.uri() + ", got " + msg.uri());
        }
        if (expect.chainId() != msg.chainId()) {
            throw new SiweException("SIWE chain id mismatch: expected " + expect.chainId() + ", got " + msg.chainId());
        }
        if (!expect.nonce().equals(msg.nonce())) {
            throw new SiweException("SIWE nonce mismatch");
        }
    }

    private static void checkTime(SiweMessage msg, SiweExpectations expect) {
        Instant now = expect.clock().instant();
        Instant skewedNow = now.plus(expect.allowedSkew());
        if (msg.issuedAtInstant().isAfter(skewedNow)) {
            throw new SiweException("SIWE message is issued in the future (issued at " + msg.issuedAt() + ")");
        }
        Instant nbf = msg.notBeforeInstant();
        if (nbf != null && nbf.isAfter(skewedNow)) {
            throw new SiweException("SIWE message is not valid yet (not before " + msg.notBefore() + ")");
        }
        Instant exp = msg.expirationInstant();
        if (exp != null && !now.isBefore(exp)) {
            throw new SiweException("SIWE message has expired (expiration time " + msg.expirationTime() + ")");
        }
        if (!now.isBefore(msg.issuedAtInstant().plus(expect.maxAge()))) {
            throw new SiweException("SIWE message is too old (issued at " + msg.issuedAt() + ", max age "
                + expect.maxAge().toSeconds() + " s)");
        }
    }
}
