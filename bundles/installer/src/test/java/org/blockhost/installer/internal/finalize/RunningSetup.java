package org.blockhost.installer.internal.finalize;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.blockhost.console.api.PluginStatus;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStatus.State;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.blockhost.platform.api.RuntimeLayout;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Test fixture: a real {@link FinalizationRunner} on a temporary state directory (its OSGi
 * arguments are minimal proxies) whose first step blocks on a latch while it runs, so a test can
 * post saves during a run. Close it to release the step and
 * wait for the run's end.
 */
public final class RunningSetup implements AutoCloseable {
    public final FinalizationRunner runner;
    public final BundleContext context;
    public final PluginStatus plugins;
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private Future<Finalizer.Result> run;

    /** A step reading {@code keys}; the one with {@code blocks} waits for {@link #close()}. */
    public final class Step implements FinalizationStep {
        private final String id;
        private final String label;
        private final int order;
        private final Set<String> keys;
        private final boolean blocks;

        public Step(String id, String label, int order, Set<String> keys, boolean blocks) {
            this.id = id;
            this.label = label;
            this.order = order;
            this.keys = keys;
            this.blocks = blocks;
        }

        @Override public String id() { return id; }
        @Override public String label() { return label; }
        @Override public Phase phase() { return Phase.PROVISIONER; }
        @Override public int order() { return order; }
        @Override public Set<String> answerKeys() { return keys; }
        @Override public boolean isComplete(FinalizationContext c) { return false; }

        @Override
        public void run(FinalizationContext c) throws StepException {
            try {
                if (blocks && !release.await(30, TimeUnit.SECONDS)) {
                    throw new StepException("test step was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepException("interrupted");
            }
        }
    }

    public RunningSetup(Path stateDir) {
        Map<String, String> props = Map.of(RuntimeLayout.MODE, "production", RuntimeLayout.STATE_DIR, stateDir.toString());
        context = proxy(BundleContext.class, (name, args) -> "getProperty".equals(name) ? props.get((String) args[0]) : null);
        plugins = proxy(PluginStatus.class, (name, args) -> "plugins".equals(name) ? java.util.List.of() : null);
        FinalizationRunner.Config config = proxy(FinalizationRunner.Config.class,
                (name, args) -> "stepTimeoutSeconds".equals(name) ? 60L : null);
        runner = new FinalizationRunner(plugins, context, config);
    }

    /** Registers a step with the runner, as DS would. */
    @SuppressWarnings("unchecked")
    public RunningSetup add(FinalizationStep step) {
        Bundle bundle = proxy(Bundle.class, (name, args) -> "getBundleId".equals(name) ? 7L : null);
        ServiceReference<FinalizationStep> ref = proxy(ServiceReference.class,
                (name, args) -> "getBundle".equals(name) ? bundle : null);
        runner.addStep(step, ref);
        return this;
    }

    /** Starts the run in the background and returns once {@code stepId} is running. */
    public void startAndWaitFor(String stepId) throws InterruptedException {
        run = thread.submit(() -> runner.run(Map.of(), Finalizer.BeforeStep.NONE));
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (runner.steps().stream().noneMatch(s -> s.id().equals(stepId) && s.state() == State.RUNNING)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(stepId + " never started");
            }
            Thread.sleep(10);
        }
    }

    /** Releases the blocked step and waits for the run's end. */
    public Finalizer.Result finish() throws Exception {
        release.countDown();
        return run.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        release.countDown();
        try {
            if (run != null) {
                run.get(10, TimeUnit.SECONDS); // the run's last writes land before the state directory goes
            }
        } catch (Exception e) {
            // the test has its verdict; only the threads are left to stop
        }
        thread.shutdownNow();
        runner.deactivate();
    }

    /** What a proxy's method answers, by method name. */
    public interface Answer {
        Object answer(String method, Object[] args);
    }

    /** A minimal implementation of {@code type}: {@code answer} for its methods, identity for Object's. */
    @SuppressWarnings("unchecked")
    public static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(RunningSetup.class.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return "toString".equals(m.getName()) ? type.getSimpleName() : "hashCode".equals(m.getName())
                        ? System.identityHashCode(p) : p == args[0];
            }
            return answer.answer(m.getName(), args);
        });
    }
}
