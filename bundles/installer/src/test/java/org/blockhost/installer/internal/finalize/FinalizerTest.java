package org.blockhost.installer.internal.finalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStatus.State;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinalizerTest {
    @TempDir
    Path dir;
    private final ExecutorService calls = Executors.newCachedThreadPool();
    private final List<String> ran = new ArrayList<>();
    private final List<String> reported = new ArrayList<>();

    @AfterEach
    void stop() {
        calls.shutdownNow();
    }

    /** A scripted step: fails the first {@code failures} runs, optionally with an unchecked exception. */
    private class Scripted implements FinalizationStep {
        final String id;
        final Phase phase;
        final int order;
        int failures;
        boolean unchecked;
        long sleepMillis;
        final AtomicInteger runs = new AtomicInteger();

        Scripted(String id, Phase phase, int order) {
            this.id = id;
            this.phase = phase;
            this.order = order;
        }

        @Override public String id() { return id; }
        @Override public String label() { return "step " + id; }
        @Override public Phase phase() { return phase; }
        @Override public int order() { return order; }
        @Override public boolean isComplete(FinalizationContext c) { return false; }

        @Override
        public void run(FinalizationContext c) throws StepException {
            runs.incrementAndGet();
            if (sleepMillis > 0) {
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failures > 0) {
                failures--;
                if (unchecked) {
                    throw new IllegalStateException("bug in " + id);
                }
                throw new StepException("not yet: " + id);
            }
            synchronized (ran) {
                ran.add(id);
            }
        }
    }

    private Finalizer finalizer(StepStateStore store, Duration timeout, Scripted... steps) {
        List<Finalizer.Registered> reg = new ArrayList<>();
        for (Scripted s : steps) {
            reg.add(new Finalizer.Registered(s, 42, s.id, s.label(), s.phase, s.order));
        }
        return new Finalizer(() -> reg, store, (bundle, where, cause) -> reported.add(bundle + " " + where), timeout, calls);
    }

    private StepStateStore store() {
        return new StepStateStore(dir.resolve("finalization.json"));
    }

    private static FinalizationContext context() {
        return new FinalizationContext() {
            @Override public Optional<String> answer(String key) { return Optional.empty(); }
            @Override public void publish(String key, String value) { }
            @Override public Optional<String> published(String key) { return Optional.empty(); }
            @Override public Path stateDirectory() { return Path.of("/nonexistent"); }
            @Override public Path configDirectory() { return Path.of("/nonexistent"); }
            @Override public boolean devMode() { return true; }
        };
    }

    @Test
    void runsInPhaseThenOrderThenIdOrder() {
        Scripted a = new Scripted("z.final", Phase.FINAL, 1);
        Scripted b = new Scripted("b.post", Phase.ENGINE_POST, 5);
        Scripted c = new Scripted("a.post", Phase.ENGINE_POST, 5);
        Scripted d = new Scripted("c.pre", Phase.ENGINE_PRE, 99);
        Scripted e = new Scripted("d.prov", Phase.PROVISIONER, 0);
        Finalizer.Result r = finalizer(store(), Duration.ofSeconds(5), a, b, c, d, e).run(context());
        assertTrue(r.complete());
        assertEquals(List.of("c.pre", "d.prov", "a.post", "b.post", "z.final"), ran);
    }

    @Test
    void stopsAtFirstFailureAndPersistsIt() {
        Scripted first = new Scripted("first", Phase.ENGINE_PRE, 1);
        Scripted bad = new Scripted("bad", Phase.PROVISIONER, 1);
        bad.failures = 1;
        Scripted later = new Scripted("later", Phase.FINAL, 1);
        Finalizer.Result r = finalizer(store(), Duration.ofSeconds(5), first, bad, later).run(context());
        assertFalse(r.complete());
        assertEquals("bad", r.failedStep());
        assertEquals("not yet: bad", r.error());
        assertEquals(List.of("first"), ran);
        StepStateStore reloaded = store();
        assertEquals(State.DONE, reloaded.step("first").state());
        assertEquals(State.FAILED, reloaded.step("bad").state());
        assertEquals("not yet: bad", reloaded.step("bad").error());
        assertEquals(null, reloaded.step("later"));
    }

    @Test
    void retryResumesAtTheFailedStepAfterRestart() {
        Scripted first = new Scripted("first", Phase.ENGINE_PRE, 1);
        Scripted bad = new Scripted("bad", Phase.PROVISIONER, 1);
        bad.failures = 1;
        Scripted later = new Scripted("later", Phase.FINAL, 1);
        finalizer(store(), Duration.ofSeconds(5), first, bad, later).run(context());
        // a new runner over the same file, as after a restart
        Finalizer.Result r = finalizer(store(), Duration.ofSeconds(5), first, bad, later).run(context());
        assertTrue(r.complete());
        assertEquals(1, first.runs.get(), "a done step is not run again");
        assertEquals(2, bad.runs.get());
        assertEquals(List.of("first", "bad", "later"), ran);
    }

    @Test
    void aStepInterruptedByACrashRunsAgain() {
        StepStateStore s = store();
        s.setState("crashy", "crashy", Phase.ENGINE_PRE, 1, State.RUNNING, "");
        StepStateStore afterRestart = store();
        assertEquals(State.PENDING, afterRestart.step("crashy").state());
        Scripted crashy = new Scripted("crashy", Phase.ENGINE_PRE, 1);
        assertTrue(finalizer(afterRestart, Duration.ofSeconds(5), crashy).run(context()).complete());
        assertEquals(1, crashy.runs.get());
    }

    @Test
    void uncheckedExceptionFailsTheStepAndReportsThePlugin() {
        Scripted buggy = new Scripted("buggy", Phase.ENGINE_PRE, 1);
        buggy.failures = 1;
        buggy.unchecked = true;
        Finalizer.Result r = finalizer(store(), Duration.ofSeconds(5), buggy).run(context());
        assertFalse(r.complete());
        assertEquals("plugin error: IllegalStateException: bug in buggy", r.error());
        assertEquals(List.of("42 finalization step buggy"), reported);
    }

    @Test
    void aHangingStepTimesOut() {
        Scripted slow = new Scripted("slow", Phase.ENGINE_PRE, 1);
        slow.sleepMillis = 5_000;
        Finalizer.Result r = finalizer(store(), Duration.ofMillis(200), slow).run(context());
        assertFalse(r.complete());
        assertEquals("timed out after 0 s", r.error());
    }

    @Test
    void aNewTimeoutAppliesToTheNextStepCall() {
        Scripted slow = new Scripted("slow", Phase.ENGINE_PRE, 1);
        slow.sleepMillis = 600;
        StepStateStore store = store();
        Finalizer f = finalizer(store, Duration.ofMillis(100), slow);
        assertEquals("timed out after 0 s", f.run(context()).error());
        f.timeout(Duration.ofSeconds(5));
        assertTrue(f.run(context()).complete());
    }

    @Test
    void completeStepsAreMarkedDoneWithoutRunning() {
        Scripted already = new Scripted("already", Phase.ENGINE_PRE, 1) {
            @Override public boolean isComplete(FinalizationContext c) { return true; }
        };
        assertTrue(finalizer(store(), Duration.ofSeconds(5), already).run(context()).complete());
        assertEquals(0, already.runs.get());
        assertEquals(State.DONE, store().step("already").state());
    }

    @Test
    void noStepsIsNotComplete() {
        Finalizer.Result r = finalizer(store(), Duration.ofSeconds(5)).run(context());
        assertFalse(r.complete());
        assertTrue(r.error().contains("no finalization steps"));
    }

    @Test
    void answersAndPublishedValuesSurviveRestart() {
        StepStateStore s = store();
        s.putAnswers(Map.of("chain.id", "31337"));
        s.publish("contract", "0xabc");
        StepStateStore again = store();
        assertEquals("31337", again.answers().get("chain.id"));
        assertEquals("0xabc", again.published("contract"));
    }

    @Test
    void theHookRunsBeforeEachStepNotDoneAndItsRefusalFailsThatStep() {
        Scripted first = new Scripted("first", Phase.ENGINE_PRE, 1);
        Scripted needs = new Scripted("needs", Phase.ENGINE_POST, 1);
        List<String> before = new ArrayList<>();
        StepStateStore store = store();
        Finalizer.Result r = finalizer(store, Duration.ofSeconds(5), first, needs).run(context(), step -> {
            before.add(step.id() + " after " + ran);
            if (step.id().equals("needs") && before.size() < 3) {
                throw new org.blockhost.installer.api.StepException("no key yet");
            }
        });
        assertFalse(r.complete());
        assertEquals("needs", r.failedStep());
        assertEquals("no key yet", r.error());
        assertEquals(State.FAILED, store.step("needs").state());
        assertEquals(List.of("first after []", "needs after [first]"), before);
        Finalizer.Result again = finalizer(store, Duration.ofSeconds(5), first, needs).run(context(), step -> before.add(step.id()));
        assertTrue(again.complete());
        assertEquals(List.of("first", "needs"), ran);
        assertEquals("needs", before.get(2), "the hook is not called for steps already done");
        assertEquals(3, before.size());
    }

    @Test
    void aStepsRunIsTimedFromItsStart() {
        StepStateStore store = store();
        assertTrue(finalizer(store, Duration.ofSeconds(5), new Scripted("one", Phase.FINAL, 1)).run(context()).complete());
        StepStateStore.StepRecord rec = store().step("one");
        assertTrue(rec.started() != null && !java.time.Instant.parse(rec.updated()).isBefore(java.time.Instant.parse(rec.started())),
                rec.toString());
    }
}
