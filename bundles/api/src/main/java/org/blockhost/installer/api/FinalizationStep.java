package org.blockhost.installer.api;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One step of finishing the setup. The installer's runner collects all registered steps, orders
 * them by {@link #phase()} then {@link #order()} (then id), and runs them one after another,
 * persisting each step's status so that a restart resumes where it stopped.
 *
 * <p>Contract: {@link #run} is idempotent and may be retried after any failure, including a crash
 * in the middle of it. Before running a step, the runner asks {@link #isComplete}; a step that is
 * already complete is marked done without running. Expected failures are reported with
 * {@link StepException} (the step is marked failed with its message and can be retried); any other
 * exception also marks the step's plugin failed.
 *
 * <p>Threading: the runner calls a step from one thread at a time.
 */
@ConsumerType
public interface FinalizationStep {

    /** Unique id, {@code [a-z][a-z0-9.-]*}, stable across versions (the persisted status is keyed by it). */
    String id();

    /** Human readable label. */
    String label();

    /** The phase the step belongs to. */
    Phase phase();

    /** Order within the phase; lower runs first. */
    int order();

    /** The answer keys this step reads; an answers file may only contain keys some step declares. */
    default Set<String> answerKeys() {
        return Set.of();
    }

    /**
     * Why {@code value} is not acceptable for {@code key}, one of {@link #answerKeys()}, or empty.
     * The wizard pages and the answers file both go through it; the message is shown to the
     * operator and must not repeat secrets.
     */
    default java.util.Optional<String> problem(String key, String value) {
        return java.util.Optional.empty();
    }

    /** Whether the step's effect is already in place (for example, contracts already deployed). */
    boolean isComplete(FinalizationContext context) throws StepException;

    /** Performs the step. */
    void run(FinalizationContext context) throws StepException;
}
