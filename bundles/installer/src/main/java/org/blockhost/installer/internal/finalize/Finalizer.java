package org.blockhost.installer.internal.finalize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStatus.State;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.StepException;

/**
 * Runs finalization steps in phase, order, id order, persisting every transition so that a restart
 * resumes at the first step not done. Stops at the first failure; a failed step runs again on the
 * next run (retry). Every call into a step is fenced: a timeout or an unexpected exception fails
 * the step and is reported against the step's plugin. Plain Java, no OSGi: unit-testable.
 */
public final class Finalizer {

    /** A registered step with the bundle that provides it. */
    public record Registered(FinalizationStep step, long bundleId, String id, String label,
            org.blockhost.installer.api.Phase phase, int order) {
    }

    /** Receives failures of plugin code. */
    public interface FailureReporter {
        void report(long bundleId, String where, Throwable cause);
    }

    /** Outcome of a run: whether everything is done, else the failed step and why. */
    public record Result(boolean complete, String failedStep, String error) {
    }

    /** Called before a step that is not done yet runs (dev mode answers the admin access key here). */
    public interface BeforeStep {
        BeforeStep NONE = step -> { };

        void before(Registered step) throws StepException;
    }

    public static final Comparator<Registered> ORDER = Comparator.comparing(Registered::phase)
            .thenComparingInt(Registered::order).thenComparing(Registered::id);

    private final Supplier<List<Registered>> steps;
    private final StepStateStore store;
    private final FailureReporter reporter;
    private volatile Duration timeout;
    private final ExecutorService calls;

    public Finalizer(Supplier<List<Registered>> steps, StepStateStore store, FailureReporter reporter,
            Duration timeout, ExecutorService calls) {
        this.steps = steps;
        this.store = store;
        this.reporter = reporter;
        this.timeout = timeout;
        this.calls = calls;
    }

    /** The step timeout for calls that start from now on (a configuration change; running calls keep theirs). */
    public void timeout(Duration stepTimeout) {
        this.timeout = stepTimeout;
    }

    /** Runs every step not yet done, in order; stops at the first failure. */
    public Result run(FinalizationContext context) {
        return run(context, BeforeStep.NONE);
    }

    /** Runs every step not yet done, calling {@code before} ahead of each; stops at the first failure. */
    public synchronized Result run(FinalizationContext context, BeforeStep before) {
        List<Registered> ordered = new ArrayList<>(steps.get());
        if (ordered.isEmpty()) {
            return new Result(false, "", "no finalization steps are registered: install an engine and a provisioner");
        }
        ordered.sort(ORDER);
        for (Registered r : ordered) {
            StepStateStore.StepRecord rec = store.step(r.id());
            if (rec != null && rec.state() == State.DONE) {
                continue;
            }
            String error = prepare(r, before);
            if (error == null) {
                error = runOne(r, context);
            }
            if (error != null) {
                return new Result(false, r.id(), error);
            }
        }
        return new Result(true, "", "");
    }

    private String prepare(Registered r, BeforeStep before) {
        try {
            before.before(r);
            return null;
        } catch (StepException e) {
            String error = e.getMessage() == null ? "step failed" : e.getMessage();
            store.setState(r.id(), r.label(), r.phase(), r.order(), State.FAILED, error);
            return error;
        }
    }

    private String runOne(Registered r, FinalizationContext context) {
        store.setState(r.id(), r.label(), r.phase(), r.order(), State.RUNNING, "");
        String error;
        try {
            boolean complete = call(r, () -> r.step().isComplete(context));
            if (!complete) {
                call(r, () -> {
                    r.step().run(context);
                    return Boolean.TRUE;
                });
            }
            error = null;
        } catch (StepException e) {
            error = e.getMessage() == null ? "step failed" : e.getMessage();
        }
        store.setState(r.id(), r.label(), r.phase(), r.order(), error == null ? State.DONE : State.FAILED, error);
        return error;
    }

    /** Interface for a step call that may throw the step's checked exception. */
    private interface StepCall {
        Boolean call() throws StepException;
    }

    private boolean call(Registered r, StepCall body) throws StepException {
        Duration limit = timeout;
        Future<Boolean> future = calls.submit(body::call);
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StepException("timed out after " + limit.toSeconds() + " s");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new StepException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StepException se) {
                throw se;
            }
            reporter.report(r.bundleId(), "finalization step " + r.id(), cause);
            throw new StepException("plugin error: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
    }
}
