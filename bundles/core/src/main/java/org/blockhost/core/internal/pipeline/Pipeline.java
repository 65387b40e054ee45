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
 * subscription is active, fails (backoff) or its stage needs a plugin that is absent (it waits);
 * {@link StepRecorder} runs each stage and records its outcome. Everything is re-read from the
 * store, so a restart simply resumes.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final PipelineStore store;
    private final StageWork work;
    private final Supplier<PipelineSettings> settings;
    private final Clock clock;
    private final StepRecorder steps;
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
        this.storeBackoff = new StoreBackoff(backoff);
        this.steps = new StepRecorder(store, work, settings, clock, backoff, storeBackoff, metrics, observer);
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
        StageWork work = new StageWork(plugins, fence, plans, plansError, settings, store::forwardPort, store.pool());
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
                advanced = steps.step(job.get());
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
