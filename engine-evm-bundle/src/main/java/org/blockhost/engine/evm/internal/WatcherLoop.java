package org.blockhost.engine.evm.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.blockhost.engine.api.ChainUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link ChainWatcher} on one daemon thread: steps until it has nothing more to do, then
 * waits for a new head. With a live {@link NewHeads} subscription a notification wakes it at once
 * (and a slow safety poll remains); without one it polls at the configured interval and retries
 * the subscription every {@code retry}. Errors are logged (once per change of message) and retried.
 */
public final class WatcherLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatcherLoop.class);
    private static final Duration SAFETY_POLL = Duration.ofSeconds(2);

    private final ChainWatcher watcher;
    private final Duration interval;
    private final Duration retry;
    private final Semaphore wake = new Semaphore(0);
    private final ExecutorService executor;
    private volatile NewHeads heads;
    private volatile boolean running = true;
    private String lastError;

    public WatcherLoop(ChainWatcher watcher, Duration interval) {
        this(watcher, interval, Duration.ofSeconds(30));
    }

    /** {@code retry}: how long after a failed or lost subscription it is tried again. */
    WatcherLoop(ChainWatcher watcher, Duration interval, Duration retry) {
        this.watcher = watcher;
        this.interval = interval;
        this.retry = retry;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "blockhost-evm-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Uses new-head notifications from {@code heads} (built with {@link #wakeUp()} as its callback). */
    WatcherLoop withNewHeads(java.util.function.Function<Runnable, NewHeads> factory) {
        this.heads = factory.apply(this::wakeUp);
        return this;
    }

    /** Whether the new-heads subscription is live right now. */
    boolean subscribed() {
        return heads != null && heads.live();
    }

    /** Tests: drops the live subscription as a network failure would. */
    void dropSubscriptionForTest() {
        heads.close();
    }

    void wakeUp() {
        wake.release();
    }

    public void start() {
        executor.execute(this::run);
    }

    private void run() {
        long nextConnect = System.nanoTime();
        while (running && !Thread.currentThread().isInterrupted()) {
            step();
            if (heads != null && !heads.live() && System.nanoTime() - nextConnect >= 0) {
                heads.connect();
                nextConnect = System.nanoTime() + retry.toNanos();
            }
            Duration wait = subscribed() ? max(interval, SAFETY_POLL) : interval;
            try {
                wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private void step() {
        try {
            int guard = 0;
            while (watcher.poll() && running && ++guard < 1000) {
                // keep going while there is more to read
            }
            if (lastError != null) {
                LOG.info("chain watcher recovered");
                lastError = null;
            }
        } catch (ChainUnavailableException | RuntimeException e) {
            String message = e.getMessage();
            if (!String.valueOf(message).equals(lastError)) {
                LOG.warn("chain watcher step failed, retrying: {}", message);
                lastError = String.valueOf(message);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (heads != null) {
            heads.close();
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
