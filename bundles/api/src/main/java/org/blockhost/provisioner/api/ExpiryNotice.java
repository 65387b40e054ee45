package org.blockhost.provisioner.api;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the tenant is told inside the VM about the end of the subscription: when it ends and where
 * to renew. The provisioner builds the text itself from these values.
 *
 * @param kind the login banner (kept until replaced) or a one-off message to logged-in users
 * @param expiresAt when the subscription ends
 * @param renewUrl the buy page, {@code https://<host>[:port]/<path>} (no query, no escapes)
 * @since 1.3
 */
public record ExpiryNotice(Kind kind, Instant expiresAt, String renewUrl) {
    private static final Pattern URL = Pattern.compile(
            "https://([A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9a-fA-F:.]{2,45}\\])(:[0-9]{1,5})?/[A-Za-z0-9._~/-]{0,200}");

    /** Banner: shown at every login. Wall: sent once to every logged-in terminal. */
    public enum Kind {
        BANNER, WALL
    }

    public ExpiryNotice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (renewUrl == null || !URL.matcher(renewUrl).matches()) {
            throw new IllegalArgumentException("renewUrl must be https://<host>[:port]/<path>");
        }
    }
}
