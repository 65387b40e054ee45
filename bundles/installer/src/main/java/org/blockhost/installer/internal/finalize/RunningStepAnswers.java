package org.blockhost.installer.internal.finalize;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.blockhost.installer.api.FinalizationStatus.State;
import org.blockhost.installer.api.SetupChangedException;

/**
 * Which answers cannot change right now: those the step that is running reads, since it may read
 * them at any moment until it stops (a template build runs up to 45 min). Every other answer may
 * change during a run: a step not started yet reads the new value. A save checks this and writes
 * while holding the store's lock, under which the runner also marks a step running, so a step never
 * starts between the check and the write. A step whose keys cannot be read counts as reading all.
 */
final class RunningStepAnswers {
    private final StepStateStore store;
    private final Supplier<Collection<Finalizer.Registered>> steps;
    private final Finalizer.FailureReporter reporter;

    RunningStepAnswers(StepStateStore store, Supplier<Collection<Finalizer.Registered>> steps,
            Finalizer.FailureReporter reporter) {
        this.store = store;
        this.steps = steps;
        this.reporter = reporter;
    }

    /** Why each change (a new value, or an answer in {@code removed}) must wait, by field, in field order. */
    Map<String, String> problems(Map<String, String> answers, Set<String> removed) {
        Map<String, String> saved = store.answers();
        Map<String, String> problems = new TreeMap<>();
        Map<String, StepStateStore.StepRecord> states = store.steps();
        for (Finalizer.Registered r : steps.get()) {
            StepStateStore.StepRecord rec = states.get(r.id());
            if (rec == null || rec.state() != State.RUNNING) {
                continue;
            }
            answers.forEach((key, value) -> {
                if (!value.equals(saved.get(key)) && reads(r, key)) {
                    problems.putIfAbsent(key, message(key, r.label()));
                }
            });
            removed.stream().filter(saved::containsKey).filter(key -> reads(r, key))
                    .forEach(key -> problems.putIfAbsent(key, message(key, r.label())));
        }
        return problems;
    }

    /** The refusal of the first change that must wait, if any: the running step's sentence without the field name. */
    Optional<SetupChangedException> refusal(Map<String, String> answers, Set<String> removed) {
        return problems(answers, removed).entrySet().stream().findFirst().map(p -> new SetupChangedException(p.getKey(),
                p.getValue(), p.getValue().substring(prefix(p.getKey()).length())));
    }

    private boolean reads(Finalizer.Registered r, String key) {
        try {
            return r.step().answerKeys().contains(key);
        } catch (RuntimeException e) {
            reporter.report(r.bundleId(), "finalization step " + r.id() + " answerKeys", e);
            return true;
        }
    }

    private static String message(String key, String label) {
        return prefix(key) + "Finalization is running the step \u201c" + label + "\u201d, which reads this answer."
                + " Wait until finalization ends or fails, then change it.";
    }

    private static String prefix(String key) {
        return "field '" + key + "': ";
    }
}
