package org.blockhost.core.internal.pipeline;

import java.time.Clock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stage of a job and records its outcome in the store: success advances the stage (with
 * the stage's effects, in one transaction); a missing plugin waits (nothing counted); an outage is
 * retried with backoff without spending the retry budget; any other failure spends one attempt and
 * parks the subscription once the budget is spent, or at once when the failure is permanent (a
 * plugin refusing for good, the chain rejecting a mint).
 */
final class StepRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(StepRecorder.class);

    private final PipelineStore store;
    private final StageWork work;
    private final Supplier<PipelineSettings> settings;
    private final Clock clock;
    private final Backoff backoff;
    private final StoreBackoff storeBackoff;
    private final PipelineMetrics metrics;
    private final PipelineObserver observer;

    StepRecorder(PipelineStore store, StageWork work, Supplier<PipelineSettings> settings, Clock clock, Backoff backoff,
            StoreBackoff storeBackoff, PipelineMetrics metrics, PipelineObserver observer) {
        this.store = store;
        this.work = work;
        this.settings = settings;
        this.clock = clock;
        this.backoff = backoff;
        this.storeBackoff = storeBackoff;
        this.metrics = metrics;
        this.observer = observer;
    }

    /** Runs the job's current stage; true when it advanced (the worker goes on with the next stage). */
    boolean step(Job job) {
        Outcome outcome = work.run(job);
        long now = clock.millis();
        if (outcome.ok()) {
            return advanced(job, outcome, now);
        }
        if (outcome.waiting()) {
            LOG.info("subscription {} waits at {}: {}", job.subscriptionId(), job.stage().label(), outcome.reason());
            return false;
        }
        PipelineSettings s = settings.get();
        if (outcome.outage()) {
            long next = now + (outcome.laterMillis() > 0 ? outcome.laterMillis()
                    : backoff.delayMillis(job.outages() + 1, s.backoffBase(), s.backoffMax()));
            store.fail(job, outcome.reason(), false, next, now, true);
            storeBackoff.succeeded(job.subscriptionId());
            LOG.info("subscription {} {} waits out an outage (not counted): {}", job.subscriptionId(), job.stage().label(),
                    outcome.reason());
            return false;
        }
        failed(job, outcome, s, now);
        return false;
    }

    private boolean advanced(Job job, Outcome outcome, long now) {
        if (!store.advance(job, outcome, now)) {
            LOG.warn("subscription {} changed under its worker at {}", job.subscriptionId(), job.stage().label());
            return false;
        }
        storeBackoff.succeeded(job.subscriptionId());
        Stage to = job.stage().next();
        metrics.stageDone(job.stage(), now - job.stageEnteredAt());
        LOG.info("subscription {} stage {} done in {} ms", job.subscriptionId(), job.stage().label(), now - job.stageEnteredAt());
        if (to == Stage.ACTIVE) {
            metrics.active(now - job.createdAt());
            LOG.info("subscription {} active as {}", job.subscriptionId(), job.vmName());
        }
        observer.committed(job.subscriptionId(), job.stage(), to);
        return true;
    }

    private void failed(Job job, Outcome outcome, PipelineSettings s, long now) {
        int attempt = job.attempts() + 1;
        boolean park = !outcome.retryable() || attempt >= s.retryBudget();
        long next = now + backoff.delayMillis(attempt, s.backoffBase(), s.backoffMax());
        String reason = park && outcome.retryable() ? "retry budget of " + s.retryBudget() + " spent: " + outcome.reason()
                : outcome.reason();
        store.fail(job, reason, park, next, now, false);
        storeBackoff.succeeded(job.subscriptionId());
        if (park) {
            LOG.warn("subscription {} parked at {}: {}", job.subscriptionId(), job.stage().label(), reason);
        } else {
            LOG.info("subscription {} {} attempt {} failed: {}", job.subscriptionId(), job.stage().label(), attempt, reason);
        }
    }
}
