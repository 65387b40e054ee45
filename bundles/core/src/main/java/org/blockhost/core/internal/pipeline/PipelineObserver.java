package org.blockhost.core.internal.pipeline;

/** Hears about committed stage advances (tests use it to find stage boundaries). */
@FunctionalInterface
public interface PipelineObserver {
    void committed(long subscriptionId, Stage from, Stage to);
}
