package org.blockhost.e2e;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.web3j.protocol.core.methods.response.Log;

/**
 * Polls the chain every 50 ms for {@code CredentialMinted} and notes, per subscription id, the
 * wall-clock time the mint was first seen: the "NFT minted" end of the timing table; likewise the
 * purchase ({@code SubscriptionCreated}) first seen mined.
 */
final class MintWatcher implements AutoCloseable {
    private final ChainControl chain;
    private final Map<Long, Long> firstSeenNanos = new ConcurrentHashMap<>();
    private final Map<Long, Log> mints = new ConcurrentHashMap<>();
    private final Map<Long, Long> purchasedNanos = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "e2e-mint-watcher");
        t.setDaemon(true);
        return t;
    });

    MintWatcher(ChainControl chain) {
        this.chain = chain;
        timer.scheduleWithFixedDelay(this::poll, 0, 50, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            long now = System.nanoTime();
            for (Log mint : chain.credentialMinted(0)) {
                long sub = ChainControl.subscriptionOf(mint);
                firstSeenNanos.putIfAbsent(sub, now);
                mints.putIfAbsent(sub, mint);
            }
            for (Log purchase : chain.subscriptionCreated(0)) {
                purchasedNanos.putIfAbsent(new java.math.BigInteger(purchase.getTopics().get(1).substring(2), 16)
                        .longValueExact(), now);
            }
        } catch (IOException | RuntimeException e) {
            // the chain may be restarting; the next poll tries again
        }
    }

    /** Waits until the subscription's mint was seen; returns the {@link System#nanoTime()} it was first seen. */
    long await(long subscriptionId, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!firstSeenNanos.containsKey(subscriptionId)) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("no CredentialMinted for subscription " + subscriptionId + " within "
                        + timeoutMillis + " ms");
            }
            Thread.sleep(20);
        }
        return firstSeenNanos.get(subscriptionId);
    }

    /** When the subscription's mint was first seen ({@link System#nanoTime()}), or null. */
    Long firstSeen(long subscriptionId) {
        return firstSeenNanos.get(subscriptionId);
    }

    /** When the subscription's purchase was first seen mined ({@link System#nanoTime()}), or null. */
    Long purchaseMined(long subscriptionId) {
        return purchasedNanos.get(subscriptionId);
    }

    Log mint(long subscriptionId) {
        return mints.get(subscriptionId);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
