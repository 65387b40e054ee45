package org.blockhost.web.internal.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a signed-in admin wallet still holds the admin credential, re-read at most every
 * {@link #INTERVAL} per wallet (the engine caches the holder itself): when token #0 moves, the old
 * holder's sessions end within that interval plus the engine's own cache (at most 60 s). While the holder cannot be read (no engine,
 * RPC down) the session is kept and the check is tried again on the next request: the operator
 * must not be locked out of the console by a chain outage.
 */
public final class HolderCheck {
    public static final Duration INTERVAL = Duration.ofSeconds(5);

    /** Reads the current holder; empty when unknown (no engine, an error, a timeout). */
    @FunctionalInterface
    public interface HolderSource {
        Optional<Verdict> holds(String wallet);
    }

    /** The answer for one wallet. */
    public enum Verdict { HOLDS, DOES_NOT_HOLD }

    private final Clock clock;
    private final HolderSource source;
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();

    public HolderCheck(Clock clock, HolderSource source) {
        this.clock = clock;
        this.source = source;
    }

    /** False only when the chain says the wallet no longer holds the admin credential. */
    public boolean stillHolds(String wallet) {
        Instant now = clock.instant();
        Instant last = verified.get(wallet);
        if (last != null && now.isBefore(last.plus(INTERVAL))) {
            return true;
        }
        Optional<Verdict> verdict = source.holds(wallet);
        if (verdict.isEmpty()) {
            return true;
        }
        if (verdict.get() == Verdict.DOES_NOT_HOLD) {
            verified.remove(wallet);
            return false;
        }
        verified.put(wallet, now);
        return true;
    }
}
