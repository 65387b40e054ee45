package org.blockhost.engine.evm.internal;

import java.time.Duration;
import java.util.Optional;
import org.blockhost.engine.api.ChainUnavailableException;

/**
 * Caches the admin credential's holder ({@code ownerOf(0)}) for at most the given age. "Not minted yet" is never
 * kept: the credential is minted during setup, and a cached empty answer would refuse its holder afterwards.
 */
final class AdminHolderCache {
    interface Source {
        Optional<String> read() throws ChainUnavailableException;
    }

    private final Source source;
    private final long maxAgeNanos;
    private Optional<String> value;
    private long readAt;

    AdminHolderCache(Source source, Duration maxAge) {
        this.source = source;
        this.maxAgeNanos = maxAge.toNanos();
    }

    synchronized Optional<String> get() throws ChainUnavailableException {
        long now = System.nanoTime();
        if (value == null || now - readAt > maxAgeNanos) {
            Optional<String> read = source.read();
            value = read.isPresent() ? read : null;
            readAt = now;
            return read;
        }
        return value;
    }
}
