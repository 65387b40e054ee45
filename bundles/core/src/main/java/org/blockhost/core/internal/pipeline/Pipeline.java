package org.blockhost.core.internal.pipeline;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.blockhost.core.internal.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives subscriptions through the stages. A dispatcher thread picks due rows from the store and
 * hands them to at most {@code concurrency} workers; a worker runs stage after stage until the
 * subscription is active, fails (backoff) or its stage needs a plugin that is absent (it waits).
 * Everything is re-read from the store, so a restart simply resumes.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final PipelineStore store;
    private final StageWork work;
    private final Supplier<PipelineSettings> settings;
    private final Clock clock;
    private final Backoff backoff;
    private final PipelineMetrics metrics;
    private final PipelineObserver observer;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final StoreBackoff storeBackoff;
    private final Object signal = new Object();
    private final ExecutorService workers;
    private final Semaphore slots;
    private final Thread dispatcher;
    private volatile boolean running = true;
    private volatile boolean wake;

    Pipeline(PipelineStore store, StageWork work, Supplier<PipelineSettings> settings, Clock clock, Backoff backoff,
            PipelineMetrics metrics, PipelineObserver observer) {
        this.store = store;
        this.work = work;
        this.settings = settings;
        this.clock = clock;
        this.backoff = backoff;
        this.metrics = metrics;
        this.observer = observer;
        this.storeBackoff = new StoreBackoff(backoff);
        int n = settings.get().concurrency();
        this.slots = new Semaphore(n);
        this.workers = Executors.newFixedThreadPool(n, r -> daemon(r, "blockhost-pipeline-worker"));
        this.dispatcher = daemon(this::dispatch, "blockhost-pipeline-dispatcher");
    }

    /** Assembles and starts a pipeline over the store. */
    public static Pipeline start(PipelineStore store, org.blockhost.core.internal.active.ActivePlugins plugins,
            org.blockhost.core.internal.active.Fence fence, Supplier<org.blockhost.core.internal.plans.PlanCatalog> plans,
            Supplier<String> plansError, Supplier<PipelineSettings> settings, Clock clock,
            java.util.function.DoubleSupplier random, PipelineMetrics metrics, PipelineObserver observer) {
        StageWork work = new StageWork(plugins, fence, plans, plansError, settings);
        Pipeline p = new Pipeline(store, work, settings, clock, new Backoff(random), metrics, observer);
        p.dispatcher.start();
        return p;
    }

    /** Asks the dispatcher to look for work now (new events, a plugin appeared, an operator retry). */
    public void wakeUp() {
        synchronized (signal) {
            wake = true;
            signal.notifyAll();
        }
    }

    private void dispatch() {
        while (running) {
            try {
                dispatchOnce();
                await(settings.get().pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("pipeline dispatcher: {}", e.getMessage(), e);
                sleepQuietly(1000);
            }
        }
    }

    private void dispatchOnce() {
        int free = slots.availablePermits();
        if (free == 0) {
            return;
        }
        Set<Stage> ready = EnumSet.noneOf(Stage.class);
        for (Stage s : Stage.values()) {
            if (s != Stage.ACTIVE && work.ready(s)) {
                ready.add(s);
            }
        }
        long now = clock.millis();
        List<Long> due = store.due(now, ready, free + inFlight.size() + storeBackoff.size());
        for (Long id : due) {
            if (!inFlight.contains(id) && !storeBackoff.blocked(id, now) && slots.tryAcquire()) {
                inFlight.add(id);
                workers.execute(() -> runJob(id));
            }
        }
    }

    private void runJob(long id) {
        try {
            boolean advanced = true;
            while (advanced && running) {
                Optional<Job> job = store.load(id);
                if (job.isEmpty() || job.get().stage() == Stage.ACTIVE || !work.ready(job.get().stage())) {
                    return;
                }
                advanced = step(job.get());
            }
        } catch (StoreException e) {
            long delay = storeBackoff.failed(id, clock.millis());
            LOG.error("pipeline job for subscription {}: store write failed, next try in {} ms: {}", id, delay, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("pipeline job for subscription {} failed: {}", id, e.getMessage(), e);
        } finally {
            inFlight.remove(id);
            slots.release();
            wakeUp();
        }
    }

    private boolean step(Job job) {
        Outcome outcome = work.run(job);
        long now = clock.millis();
        if (outcome.ok()) {
            if (!store.advance(job, outcome, now)) {
                LOG.warn("subscription {} changed under its worker at {}", job.subscriptionId(), job.stage().label());
                return false;
            }
            storeBackoff.succeeded(job.subscriptionId());
            Stage to = job.stage().next();
            metrics.stageDone(job.stage(), now - job.stageEnteredAt());
            if (to == Stage.ACTIVE) {
                metrics.active(now - job.createdAt());
                LOG.info("subscription {} active as {}", job.subscriptionId(), job.vmName());
            }
            observer.committed(job.subscriptionId(), job.stage(), to);
            return true;
        }
        if (outcome.waiting()) {
            LOG.info("subscription {} waits at {}: {}", job.subscriptionId(), job.stage().label(), outcome.reason());
            return false;
        }
        PipelineSettings s = settings.get();
        if (outcome.outage()) {
            long next = now + backoff.delayMillis(job.outages() + 1, s.backoffBase(), s.backoffMax());
            store.fail(job, outcome.reason(), false, next, now, true);
            storeBackoff.succeeded(job.subscriptionId());
            LOG.info("subscription {} {} waits out an outage (not counted): {}", job.subscriptionId(), job.stage().label(),
                    outcome.reason());
            return false;
        }
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
        return false;
    }

    private void await(long millis) throws InterruptedException {
        synchronized (signal) {
            if (!wake) {
                signal.wait(millis);
            }
            wake = false;
        }
    }

    /** Jobs being worked on right now. */
    public int inFlight() {
        return inFlight.size();
    }

    @Override
    public void close() {
        running = false;
        dispatcher.interrupt();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
            dispatcher.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
