package org.blockhost.web.internal.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Predicate;

import org.blockhost.crypto.api.SiweMessage;

/**
 * The checks of a sign-in message besides its signature (EIP-4361, parsed strictly by the crypto
 * bundle): domain = the request's host and a host name the server answers to, URI on the server's
 * own origin, the engine's chain id, issued in the last 5 minutes, not expired, already valid.
 */
public final class SignInCheck {
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final Duration SKEW = Duration.ofMinutes(1);

    private SignInCheck() {
    }

    /** The first problem, or null when the message passes. */
    public static String problem(SiweMessage m, String hostHeader, String origin, Predicate<String> knownHost,
            OptionalLong chainId, Instant now) {
        String domain = m.domain().toLowerCase(Locale.ROOT);
        if (hostHeader == null || !domain.equals(hostHeader.trim().toLowerCase(Locale.ROOT)) || !knownHost.test(domain)) {
            return "the message is for another site (domain)";
        }
        String uri = m.uri().toLowerCase(Locale.ROOT);
        if (!(uri.equals(origin) || uri.startsWith(origin + "/"))) {
            return "the message is for another site (URI)";
        }
        if (chainId.isPresent() && m.chainId() != chainId.getAsLong()) {
            return "the message names another chain";
        }
        Instant issued = m.issuedAtInstant();
        if (issued == null || issued.isAfter(now.plus(SKEW)) || issued.isBefore(now.minus(MAX_AGE))) {
            return "the message is too old or from the future (Issued At)";
        }
        Instant expires = m.expirationInstant();
        if (expires != null && !expires.isAfter(now)) {
            return "the message expired";
        }
        Instant notBefore = m.notBeforeInstant();
        if (notBefore != null && notBefore.isAfter(now.plus(SKEW))) {
            return "the message is not valid yet";
        }
        return null;
    }
}
