package org.blockhost.admin.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.blockhost.engine.api.PlanManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fenced calls into the engine for the console's servlets: a timeout, and every outcome but a value
 * turned into a {@link Failure} with an HTTP status and a fixed sentence (never the exception text,
 * except an engine's {@link PlanManager.RefusedException}, which is written for operators).
 */
final class EngineCalls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineCalls.class);
    static final String NOT_CONFIRMED = "The chain did not answer or confirm in time; reload before trying again.";

    private final ExecutorService pool;
    private final String name;

    EngineCalls(String name) {
        this.name = name;
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "blockhost-admin-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** A refusal or failure with its HTTP status and a fixed sentence. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Failure(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * Runs {@code call} for at most {@code seconds}. An {@link IllegalArgumentException} (the engine
     * refuses the values) becomes 409 with {@code refused}; a refusal of the plans 409 with its own
     * sentence; anything else 503.
     */
    <T> T call(Callable<T> call, int seconds, String refused) throws Failure {
        Future<T> f = pool.submit(call);
        try {
            return f.get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(503, NOT_CONFIRMED);
        } catch (TimeoutException e) {
            throw new Failure(503, NOT_CONFIRMED);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PlanManager.RefusedException r) {
                throw new Failure(409, r.getMessage());
            }
            LOG.warn("admin {}: the engine failed: {}", name, cause.toString());
            if (cause instanceof IllegalArgumentException && refused != null) {
                throw new Failure(409, refused);
            }
            throw new Failure(503, NOT_CONFIRMED);
        } finally {
            f.cancel(true);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
