package org.blockhost.core.internal.pipeline;

import java.time.Duration;

/**
 * Pipeline tuning, from {@code org.blockhost.core.pipeline} in the runtime and built directly in
 * tests. {@code devMode}: the runtime runs {@code blockhost dev} (only then may connection details
 * name {@code localhost}).
 */
public record PipelineSettings(int concurrency, int retryBudget, Duration backoffBase, Duration backoffMax,
        Duration pluginTimeout, Duration pollInterval, String template, String guestUser, String publicHost,
        boolean devMode) {

    /** In dev mode. */
    public PipelineSettings(int concurrency, int retryBudget, Duration backoffBase, Duration backoffMax,
            Duration pluginTimeout, Duration pollInterval, String template, String guestUser, String publicHost) {
        this(concurrency, retryBudget, backoffBase, backoffMax, pluginTimeout, pollInterval, template, guestUser,
                publicHost, true);
    }

    public PipelineSettings {
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("concurrency must be 1..64: " + concurrency);
        }
        if (retryBudget < 1) {
            throw new IllegalArgumentException("retry budget must be at least 1: " + retryBudget);
        }
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoff base must be >= 0 and <= max");
        }
        if (pluginTimeout.isNegative() || pluginTimeout.isZero() || pollInterval.isZero() || pollInterval.isNegative()) {
            throw new IllegalArgumentException("plugin timeout and poll interval must be positive");
        }
    }

    /** Defaults: concurrency 4, 8 attempts, backoff 2 s doubling to 5 min, 60 s plugin timeout. */
    public static PipelineSettings defaults() {
        return new PipelineSettings(4, 8, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(60),
                Duration.ofMillis(500), "debian-12", "user", "localhost");
    }

    public PipelineSettings withConcurrency(int n) {
        return new PipelineSettings(n, retryBudget, backoffBase, backoffMax, pluginTimeout, pollInterval, template,
                guestUser, publicHost, devMode);
    }

    public PipelineSettings withDevMode(boolean dev) {
        return new PipelineSettings(concurrency, retryBudget, backoffBase, backoffMax, pluginTimeout, pollInterval,
                template, guestUser, publicHost, dev);
    }
}
