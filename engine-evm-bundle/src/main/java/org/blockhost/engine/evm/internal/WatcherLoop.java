package org.blockhost.engine.evm.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.blockhost.engine.api.ChainUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link ChainWatcher} on one daemon thread: polls until it has nothing more to do,
 * then sleeps for the poll interval. Errors are logged (once per change of message) and retried.
 */
public final class WatcherLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatcherLoop.class);

    private final ChainWatcher watcher;
    private final Duration interval;
    private final ScheduledExecutorService executor;
    private String lastError;

    public WatcherLoop(ChainWatcher watcher, Duration interval) {
        this.watcher = watcher;
        this.interval = interval;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "blockhost-evm-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::step, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void step() {
        try {
            int guard = 0;
            while (watcher.poll() && !Thread.currentThread().isInterrupted() && ++guard < 1000) {
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
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
