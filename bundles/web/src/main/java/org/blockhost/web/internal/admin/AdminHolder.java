package org.blockhost.web.internal.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The holder of the admin credential (token #0), read from the engine again after 30 s (the issue allows 60). */
public final class AdminHolder {
    static final Duration MAX_AGE = Duration.ofSeconds(30);
    private final Clock clock;
    private Optional<String> holder = Optional.empty();
    private String engineId = "";
    private Instant read = Instant.EPOCH;

    public AdminHolder(Clock clock) {
        this.clock = clock;
    }

    /** The cached holder for this engine, or a fresh read when the cache is older than 30 s. */
    public synchronized Optional<String> get(String engine, Callable<Optional<String>> reader) throws Exception {
        Instant now = clock.instant();
        if (!engine.equals(engineId) || read.plus(MAX_AGE).isBefore(now)) {
            holder = reader.call();
            engineId = engine;
            read = now;
        }
        return holder;
    }
}
