package org.blockhost.web.internal.session;

import java.time.Instant;

/**
 * A server-side session of one surface.
 *
 * @param id the random 256-bit id (base64url), the cookie's value
 * @param surface the surface it belongs to ({@code setup}, {@code admin})
 * @param subject who signed in (a wallet address, or {@code operator})
 * @param csrf the random 256-bit CSRF token state-changing requests must carry
 * @param lastSeen when it was last used
 */
public record Session(String id, String surface, String subject, String csrf, Instant lastSeen) {

    Session touched(Instant now) {
        return new Session(id, surface, subject, csrf, now);
    }
}
