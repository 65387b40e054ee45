package org.blockhost.installer.internal.finalize;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.blockhost.installer.api.SetupService;

/**
 * The one validation of setup answers, for the wizard pages, the answers file and
 * {@code blockhost dev}: the generic rules of {@link AnswersFile#problem}, then the checks of every
 * step that declares the field ({@code FinalizationStep.problem}, fenced: a step that throws is
 * reported and its check counts as failed). In dev mode the installer itself reads
 * {@link SetupService#DEV_ADMIN_KEY_FILE}, an absolute path.
 */
public final class AnswerChecks {
    private AnswerChecks() {
    }

    /** Why each answer is invalid, by field, in field order; empty when all are valid. */
    public static Map<String, String> problems(Map<String, String> answers, Set<String> known,
            Collection<Finalizer.Registered> steps, Finalizer.FailureReporter reporter) {
        Map<String, String> problems = new LinkedHashMap<>();
        new TreeMap<>(answers).forEach((key, value) -> {
            String problem = AnswersFile.problem(key, value, known);
            if (problem == null) {
                problem = ownProblem(key, value).or(() -> stepProblem(key, value, steps, reporter)).orElse(null);
            }
            if (problem != null) {
                problems.put(key, problem);
            }
        });
        return problems;
    }

    private static Optional<String> ownProblem(String key, String value) {
        if (SetupService.DEV_ADMIN_KEY_FILE.equals(key) && !Path.of(value).isAbsolute()) {
            return Optional.of("field '" + key + "' must be an absolute path");
        }
        return Optional.empty();
    }

    private static Optional<String> stepProblem(String key, String value, Collection<Finalizer.Registered> steps,
            Finalizer.FailureReporter reporter) {
        for (Finalizer.Registered r : steps) {
            try {
                if (r.step().answerKeys().contains(key)) {
                    Optional<String> problem = r.step().problem(key, value);
                    if (problem != null && problem.isPresent()) {
                        return problem;
                    }
                }
            } catch (RuntimeException e) {
                reporter.report(r.bundleId(), "finalization step " + r.id() + " answer check", e);
                return Optional.of("field '" + key + "' could not be checked (the plugin failed)");
            }
        }
        return Optional.empty();
    }
}
