package org.blockhost.core.internal.active;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.blockhost.console.api.PluginStatus;
import org.blockhost.core.internal.plugins.PluginFence;
import org.blockhost.engine.api.ChainRejectedException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.rootagent.api.RootAgentException;

/**
 * Calls into plugin code with a timeout. Whatever the plugin does, the caller gets a value or a
 * {@link FenceException}: unchecked exceptions are reported to {@link PluginStatus} (the plugin
 * is marked failed) and retried later; a non-retryable {@link ProvisionerException} and a
 * {@link ChainRejectedException} (the contract refuses: the same call gets the same answer) are permanent.
 */
public final class Fence {

    /** Plugin code, allowed to throw anything. */
    @FunctionalInterface
    public interface PluginCall<T> {
        T call() throws Exception;
    }

    private final PluginStatus status;
    private final ExecutorService callers;
    private volatile Duration timeout;

    public Fence(PluginStatus status, ExecutorService callers, Duration timeout) {
        this.status = status;
        this.callers = callers;
        this.timeout = timeout;
    }

    public void timeout(Duration changed) {
        this.timeout = changed;
    }

    public <T> T call(PluginHandle<?> plugin, String where, PluginCall<T> call) throws FenceException {
        Future<T> future = callers.submit(call::call);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FenceException(where + ": timed out after " + timeout.toMillis() + " ms", true);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new FenceException(where + ": interrupted", true);
        } catch (ExecutionException e) {
            throw classify(plugin, where, e.getCause());
        }
    }

    private FenceException classify(PluginHandle<?> plugin, String where, Throwable cause) {
        if (cause instanceof ProvisionerException p) {
            return new FenceException(where + ": " + PluginFence.describe(p), p.retryable(), p.retryable() && agentUnavailable(p));
        }
        if (cause instanceof ChainRejectedException) {
            return new FenceException(where + ": rejected by the chain: " + PluginFence.describe(cause), false);
        }
        if (cause instanceof ChainUnavailableException) {
            return new FenceException(where + ": " + PluginFence.describe(cause), true, true);
        }
        if (cause instanceof Exception && !(cause instanceof RuntimeException)) {
            return new FenceException(where + ": " + PluginFence.describe(cause), true);
        }
        status.reportFailure(plugin.bundleId(), where, cause);
        return new FenceException(where + ": plugin " + plugin.id() + " failed: " + PluginFence.describe(cause), true);
    }

    /** A provisioner failure caused by the root agent being unreachable (anywhere in the cause chain). */
    private static boolean agentUnavailable(Throwable t) {
        for (Throwable c = t; c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof RootAgentException r && r.kind() == RootAgentException.Kind.UNAVAILABLE) {
                return true;
            }
        }
        return false;
    }
}
