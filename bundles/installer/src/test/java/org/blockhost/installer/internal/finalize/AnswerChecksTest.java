package org.blockhost.installer.internal.finalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.SetupService;
import org.junit.jupiter.api.Test;

/** One validation for the pages, the answers file and dev: generic rules, then the declaring steps' checks. */
class AnswerChecksTest {
    private final List<String> reported = new ArrayList<>();

    private static FinalizationStep step(String key, java.util.function.Function<String, Optional<String>> check) {
        return new FinalizationStep() {
            @Override public String id() { return "s." + key; }
            @Override public String label() { return key; }
            @Override public Phase phase() { return Phase.FINAL; }
            @Override public int order() { return 1; }
            @Override public Set<String> answerKeys() { return Set.of(key); }
            @Override public Optional<String> problem(String k, String v) { return check.apply(v); }
            @Override public boolean isComplete(FinalizationContext c) { return false; }
            @Override public void run(FinalizationContext c) { }
        };
    }

    private Map<String, String> problems(Map<String, String> answers, FinalizationStep... steps) {
        List<Finalizer.Registered> reg = new ArrayList<>();
        for (FinalizationStep s : steps) {
            reg.add(new Finalizer.Registered(s, 7, s.id(), s.label(), s.phase(), s.order()));
        }
        return AnswerChecks.problems(answers, Set.of("a.plans", "b.name", SetupService.DEV_ADMIN_KEY_FILE), reg,
                (bundle, where, cause) -> reported.add(bundle + " " + where));
    }

    @Test
    void everyRefusedFieldIsNamedWithTheStepsOwnMessage() {
        FinalizationStep plans = step("a.plans", v -> v.contains(":") ? Optional.empty() : Optional.of("plans need name:price"));
        Map<String, String> p = problems(Map.of("a.plans", "basic", "b.name", "", "zzz", "x"), plans);
        assertEquals(Set.of("a.plans", "b.name", "zzz"), p.keySet());
        assertEquals("plans need name:price", p.get("a.plans"));
        assertTrue(p.get("b.name").contains("has no value"), p.toString());
        assertEquals(Map.of(), problems(Map.of("a.plans", "basic:100"), plans));
    }

    @Test
    void aStepWhoseCheckThrowsRefusesTheFieldAndIsReported() {
        FinalizationStep bad = step("a.plans", v -> {
            throw new IllegalStateException("bug");
        });
        assertTrue(problems(Map.of("a.plans", "basic:1"), bad).get("a.plans").contains("could not be checked"));
        assertEquals(List.of("7 finalization step s.a.plans answer check"), reported);
    }

    @Test
    void theDevAdminKeyFileMustBeAnAbsolutePath() {
        assertTrue(problems(Map.of(SetupService.DEV_ADMIN_KEY_FILE, "keys/admin.key")).containsKey(SetupService.DEV_ADMIN_KEY_FILE));
        assertEquals(Map.of(), problems(Map.of(SetupService.DEV_ADMIN_KEY_FILE, "/home/dev/keys/admin.key")));
    }
}
