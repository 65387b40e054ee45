package org.blockhost.core.internal.testing;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.blockhost.engine.api.AddressFormat;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.CredentialIssuer;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.SubscriptionRecord;
import org.blockhost.engine.api.Treasury;

/** Test-double engine: a settable head, an idempotent mint keyed by subscription id, scripted failures. */
public class FakeEngine implements Engine, CredentialIssuer {
    public final Map<Long, Long> tokens = new ConcurrentHashMap<>();
    public final Map<Long, String> owners = new ConcurrentHashMap<>();
    public final Map<Long, byte[]> blobs = new ConcurrentHashMap<>();
    public final AtomicInteger mintCalls = new AtomicInteger();
    public final ConcurrentLinkedQueue<Exception> mintFailures = new ConcurrentLinkedQueue<>();
    private final AtomicLong nextToken = new AtomicLong(1);
    public volatile ChainHead head = new ChainHead(100, "h100", 90, Instant.parse("2026-01-01T00:00:00Z"));
    public volatile boolean headDown;
    /** The chain's own subscriptions at finality; a missing id answers "no such subscription". */
    public final Map<Long, SubscriptionRecord> chain = new ConcurrentHashMap<>();
    public volatile boolean finalizedDown;
    public final AtomicInteger finalizedCalls = new AtomicInteger();
    /** While set, every mint fails with ChainUnavailableException (an RPC outage). */
    public volatile boolean mintDown;
    public final ConcurrentLinkedQueue<Long> destroyedReports = new ConcurrentLinkedQueue<>();
    public final AtomicInteger destroyedFailures = new AtomicInteger();

    @Override
    public Optional<SubscriptionRecord> finalizedSubscription(long id) throws ChainUnavailableException {
        finalizedCalls.incrementAndGet();
        if (finalizedDown) {
            throw new ChainUnavailableException("rpc down");
        }
        return Optional.ofNullable(chain.get(id));
    }

    @Override
    public void subscriptionDestroyed(long id) throws ChainUnavailableException {
        if (destroyedFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ChainUnavailableException("rpc down");
        }
        destroyedReports.add(id);
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public String displayName() {
        return "Fake chain";
    }

    @Override
    public AddressFormat addressFormat() {
        return new AddressFormat() {
            @Override
            public String pattern() {
                return "0x[0-9a-fA-F]{40}";
            }

            @Override
            public String normalise(String address) {
                return address;
            }
        };
    }

    @Override
    public String recoverSigner(String message, String signature) {
        throw new UnsupportedOperationException();
    }

    /** Login wallets by owner (absent: the owner itself); {@link #loginUnknown} answers "not known yet" that many times. */
    public final Map<String, String> logins = new ConcurrentHashMap<>();
    public final AtomicInteger loginUnknown = new AtomicInteger();

    @Override
    public String loginWallet(String owner) throws ChainUnavailableException {
        if (loginUnknown.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ChainUnavailableException("the node does not know this wallet's key yet");
        }
        return logins.getOrDefault(owner, owner);
    }

    @Override
    public ChainHead head() throws ChainUnavailableException {
        if (headDown) {
            throw new ChainUnavailableException("rpc down");
        }
        return head;
    }

    @Override
    public CredentialIssuer credentials() {
        return this;
    }

    @Override
    public Treasury treasury() {
        throw new UnsupportedOperationException();
    }

    @Override
    public long mint(long subscriptionId, String owner, byte[] encrypted) throws ChainUnavailableException {
        mintCalls.incrementAndGet();
        if (mintDown) {
            throw new ChainUnavailableException("rpc down");
        }
        Exception e = mintFailures.poll();
        if (e instanceof ChainUnavailableException c) {
            throw c;
        } else if (e instanceof RuntimeException r) {
            throw r;
        }
        return tokens.computeIfAbsent(subscriptionId, id -> {
            long t = nextToken.getAndIncrement();
            owners.put(t, owner);
            blobs.put(t, encrypted);
            return t;
        });
    }

    @Override
    public Optional<Long> tokenOfSubscription(long subscriptionId) {
        return Optional.ofNullable(tokens.get(subscriptionId));
    }

    @Override
    public void updateCredentials(long tokenId, byte[] encrypted) {
        blobs.put(tokenId, encrypted);
    }

    @Override
    public String ownerOf(long tokenId) {
        return owners.get(tokenId);
    }

    @Override
    public Optional<String> adminHolder() {
        return Optional.empty();
    }
}
