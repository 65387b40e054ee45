package org.blockhost.installer.internal.finalize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.blockhost.console.api.PluginStatus;
import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStatus;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.FinalizationStatus.State;
import org.blockhost.installer.api.SetupChangedException;
import org.blockhost.installer.api.SetupService;
import org.blockhost.installer.api.WizardAnswers;
import org.blockhost.platform.api.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Collects {@link FinalizationStep} services and runs them through a {@link Finalizer} whose state
 * lives in {@code <state>/installer/finalization.json}.
 */
@Component(service = {FinalizationStatus.class, WizardAnswers.class, FinalizationRunner.class},
        configurationPid = FinalizationRunner.PID)
@Designate(ocd = FinalizationRunner.Config.class)
public final class FinalizationRunner implements FinalizationStatus, WizardAnswers {
    public static final String PID = "org.blockhost.installer.finalization";

    @ObjectClassDefinition(name = "BlockHost finalization runner")
    public @interface Config {
        /**
         * Above the root agent's 45 min for a template build, which a provisioner step waits for. A slow host
         * that raises the template unit's TimeoutStartSec raises this above it (the runtime cannot raise root's).
         */
        @AttributeDefinition(name = "Step timeout (s)", description = "Longest time one step call may take; "
                + "keep it above the template build unit's TimeoutStartSec (45 min as packaged)", min = "1")
        long stepTimeoutSeconds() default 3000;
    }

    private final Map<ServiceReference<FinalizationStep>, Finalizer.Registered> registered = new ConcurrentHashMap<>();
    private final PluginStatus plugins;
    private final RuntimeLayout layout;
    private final StepStateStore store;
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blockhost-finalization");
        t.setDaemon(true);
        return t;
    });
    private final Finalizer finalizer;
    private final RunningStepAnswers frozen;

    @Activate
    public FinalizationRunner(@Reference PluginStatus plugins, BundleContext context, Config config) {
        this.plugins = plugins;
        this.layout = RuntimeLayout.from(context::getProperty);
        this.store = new StepStateStore(layout.stateDir().resolve("installer").resolve("finalization.json"));
        this.finalizer = new Finalizer(() -> List.copyOf(registered.values()), store, plugins::reportFailure,
                Duration.ofSeconds(config.stepTimeoutSeconds()), calls);
        this.frozen = new RunningStepAnswers(store, () -> List.copyOf(registered.values()), plugins::reportFailure);
    }

    /**
     * A new step timeout applies to the next step call. Without this, DS would reactivate the runner on a
     * configuration change: the running step interrupted, and everything holding the runner restarted with
     * it (the setup gate: a new setup code and the operator's wizard session gone).
     */
    @Modified
    void modified(Config config) {
        finalizer.timeout(Duration.ofSeconds(config.stepTimeoutSeconds()));
    }

    @Deactivate
    void deactivate() {
        calls.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addStep(FinalizationStep step, ServiceReference<FinalizationStep> ref) {
        long bundleId = ref.getBundle().getBundleId();
        try {
            registered.put(ref, new Finalizer.Registered(step, bundleId, step.id(), step.label(), step.phase(), step.order()));
        } catch (RuntimeException e) {
            plugins.reportFailure(bundleId, "finalization step registration", e);
        }
    }

    void removeStep(FinalizationStep step, ServiceReference<FinalizationStep> ref) {
        registered.remove(ref);
    }

    /** Saves answers (see {@link #save}) and runs every step not yet done, calling {@code before} ahead of each. */
    public Finalizer.Result run(Map<String, String> answers, Finalizer.BeforeStep before) {
        if (!answers.isEmpty()) {
            save(answers);
        }
        return finalizer.run(context(), before);
    }

    /** The context steps see (also what engines read the admin access-key request from). */
    public FinalizationContext context() {
        return new StoreContext(store, layout);
    }

    /** Non-secret values steps published. */
    public Map<String, String> published() {
        return store.published();
    }

    /** How long a step's last run took (or runs so far), when it ran. */
    public Optional<Duration> duration(String stepId) {
        StepStateStore.StepRecord rec = store.step(stepId);
        if (rec == null || rec.started() == null) {
            return Optional.empty();
        }
        Instant end = rec.state() == State.RUNNING ? Instant.now() : parse(rec.updated());
        return Optional.of(Duration.between(parse(rec.started()), end));
    }

    /** What a page shows when answers it checked are no longer valid at the save (a step came or went). */
    static final String STEPS_CHANGED = "The setup steps changed since this page checked your answers: reload the page,"
            + " correct what it marks and submit again.";

    /** Why each answer is invalid, by field (see {@link AnswerChecks}). */
    public Map<String, String> problems(Map<String, String> answers) {
        Map<String, String> problems = new TreeMap<>(frozen.problems(answers, Set.of()));
        problems.putAll(invalid(answers));
        return new LinkedHashMap<>(problems);
    }

    private Map<String, String> invalid(Map<String, String> answers) {
        return AnswerChecks.problems(answers, answerKeys(), List.copyOf(registered.values()), plugins::reportFailure);
    }

    @Override
    public Map<String, String> answers() {
        return store.answers();
    }

    @Override
    public Optional<String> check(Map<String, String> answers) {
        return problems(answers).values().stream().findFirst();
    }

    @Override
    public void save(Map<String, String> answers) {
        save(answers, Set.of());
    }

    /**
     * {@link #save(Map)}, forgetting the answers in {@code removed} in the same write. Never waits for
     * a running step: a change the running step reads is refused at once (see {@link RunningStepAnswers}).
     */
    public void save(Map<String, String> answers, Set<String> removed) {
        Map<String, String> invalid = invalid(answers);
        if (!invalid.isEmpty()) {
            Map.Entry<String, String> first = invalid.entrySet().iterator().next();
            throw new SetupChangedException(first.getKey(), first.getValue(), STEPS_CHANGED);
        }
        synchronized (store) { // the finalizer marks a step running under this lock
            Optional<SetupChangedException> running = frozen.refusal(answers, removed);
            if (running.isPresent()) {
                throw running.get();
            }
            store.putAnswers(answers, removed);
        }
    }

    /** The answer keys the registered steps read. */
    public Set<String> answerKeys() {
        Set<String> keys = new TreeSet<>();
        if (layout.dev()) {
            keys.add(SetupService.DEV_ADMIN_KEY_FILE);
        }
        for (Finalizer.Registered r : registered.values()) {
            try {
                keys.addAll(r.step().answerKeys());
            } catch (RuntimeException e) {
                plugins.reportFailure(r.bundleId(), "finalization step " + r.id() + " answerKeys", e);
            }
        }
        return keys;
    }

    @Override
    public List<StepStatus> steps() {
        Map<String, StepStatus> byId = new java.util.LinkedHashMap<>();
        registered.values().stream().sorted(Finalizer.ORDER).forEach(r -> byId.put(r.id(), status(r)));
        store.steps().values().forEach(rec -> byId.putIfAbsent(rec.id(), new StepStatus(rec.id(), rec.label(),
                rec.phase(), rec.order(), rec.state(), rec.error(), parse(rec.updated()))));
        return new ArrayList<>(byId.values());
    }

    private StepStatus status(Finalizer.Registered r) {
        StepStateStore.StepRecord rec = store.step(r.id());
        return rec == null ? new StepStatus(r.id(), r.label(), r.phase(), r.order(), State.PENDING, "", null)
                : new StepStatus(r.id(), r.label(), r.phase(), r.order(), rec.state(), rec.error(), parse(rec.updated()));
    }

    @Override
    public boolean complete() {
        List<Finalizer.Registered> all = List.copyOf(registered.values());
        return !all.isEmpty() && all.stream().allMatch(r -> {
            StepStateStore.StepRecord rec = store.step(r.id());
            return rec != null && rec.state() == State.DONE;
        });
    }

    private static Instant parse(String s) {
        return s == null || s.isEmpty() ? null : Instant.parse(s);
    }
}
