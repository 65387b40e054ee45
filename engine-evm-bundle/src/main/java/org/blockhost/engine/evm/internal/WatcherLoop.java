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
 * the subscription every {@code retry}. Errors are logged (once per change of message) and retried
 * with a growing pause (the poll interval doubled per consecutive failure, at most 30 s), so a
 * rate-limited or failing node is not hammered.
 */
public final class WatcherLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatcherLoop.class);
    private static final Duration SAFETY_POLL = Duration.ofSeconds(2);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** One step of the work the loop drives. */
    @FunctionalInterface
    interface Poller {
        /** @return true when there is more to do right away */
        boolean poll() throws ChainUnavailableException;
    }

    private final Poller watcher;
    private final String name;
    private final Duration interval;
    private final Duration retry;
    private final Semaphore wake = new Semaphore(0);
    private final ExecutorService executor;
    private volatile NewHeads heads;
    private volatile boolean running = true;
    private String lastError;
    private int failures;

    public WatcherLoop(ChainWatcher watcher, Duration interval) {
        this(watcher::poll, "chain watcher", interval, Duration.ofSeconds(30));
    }

    /** {@code retry}: how long after a failed or lost subscription it is tried again. */
    WatcherLoop(ChainWatcher watcher, Duration interval, Duration retry) {
        this(watcher::poll, "chain watcher", interval, retry);
    }

    /** A loop over any poller; {@code name} appears in its log lines and thread name. */
    WatcherLoop(Poller poller, String name, Duration interval, Duration retry) {
        this.watcher = poller;
        this.name = name;
        this.interval = interval;
        this.retry = retry;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "blockhost-evm-" + name.replace(' ', '-'));
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
            boolean ok = step();
            if (heads != null && !heads.live() && System.nanoTime() - nextConnect >= 0) {
                heads.connect();
                nextConnect = System.nanoTime() + retry.toNanos();
            }
            Duration wait = subscribed() ? max(interval, SAFETY_POLL) : interval;
            try {
                if (ok) {
                    wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                } else {
                    Thread.sleep(backoff().toMillis()); // new heads do not cut a back-off short
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The pause after the current run of failures. */
    private Duration backoff() {
        long millis = interval.toMillis() << Math.min(failures, 16);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private boolean step() {
        try {
            int guard = 0;
            while (watcher.poll() && running && ++guard < 1000) {
                // keep going while there is more to read
            }
            if (lastError != null) {
                LOG.info("{} recovered", name);
                lastError = null;
            }
            failures = 0;
            return true;
        } catch (ChainUnavailableException | RuntimeException e) {
            failures++;
            String message = e.getMessage();
            if (!String.valueOf(message).equals(lastError)) {
                LOG.warn("{} step failed, retrying: {}", name, message);
                lastError = String.valueOf(message);
            }
            return false;
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
