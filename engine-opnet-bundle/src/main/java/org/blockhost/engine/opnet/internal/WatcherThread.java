package org.blockhost.engine.opnet.internal;

import java.time.Duration;
import org.blockhost.engine.api.ChainUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link OpnetWatcher#poll()} on one daemon thread: steps while there is more to read, then sleeps the
 * poll interval; after a failure it waits the interval doubled per consecutive failure (at most 60 s) and
 * logs a message once per change.
 */
final class WatcherThread implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatcherThread.class);
    private static final long MAX_BACKOFF_MS = 60_000;

    private final OpnetWatcher watcher;
    private final long intervalMs;
    private final Thread thread;
    private volatile boolean running = true;

    WatcherThread(OpnetWatcher watcher, Duration interval) {
        this.watcher = watcher;
        this.intervalMs = interval.toMillis();
        this.thread = new Thread(this::run, "blockhost-opnet-watcher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        int failures = 0;
        String lastError = null;
        while (running) {
            try {
                for (int guard = 0; running && watcher.poll() && guard < 1000; guard++) {
                    // more to read right away
                }
                if (lastError != null) {
                    LOG.info("OPNet watcher recovered");
                }
                lastError = null;
                failures = 0;
            } catch (ChainUnavailableException | RuntimeException e) {
                failures++;
                if (!String.valueOf(e.getMessage()).equals(lastError)) {
                    lastError = String.valueOf(e.getMessage());
                    LOG.warn("OPNet watcher step failed, retrying: {}", lastError);
                }
            }
            try {
                Thread.sleep(failures == 0 ? intervalMs : Math.min(MAX_BACKOFF_MS, intervalMs << Math.min(failures, 16)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
