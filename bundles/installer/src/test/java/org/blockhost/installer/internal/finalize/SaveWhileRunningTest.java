package org.blockhost.installer.internal.finalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save posted while a finalization step runs (the template build takes up to 45 min) answers at
 * once: applied when the running step does not read the answer, refused with a sentence when it
 * does. Before, every save waited for the whole run.
 */
class SaveWhileRunningTest {
    private static final String DIR = "libvirt.vm_dir";
    private static final String KEY = "evm.adminAccessKey";
    @TempDir
    Path state;
    private RunningSetup setup;

    @BeforeEach
    void start() throws Exception {
        setup = new RunningSetup(state);
        setup.add(setup.new Step("libvirt.template", "Build the VM template", 1, Set.of(DIR), true))
                .add(setup.new Step("evm.admin-credential", "Issue the admin credential", 2, Set.of(KEY), false));
        setup.runner.save(Map.of(DIR, "/var/lib/blockhost/vms"));
        setup.startAndWaitFor("libvirt.template");
    }

    @AfterEach
    void stop() {
        setup.close();
    }

    /** Runs {@code save} on another thread and waits at most a second for it. */
    private static void withinASecond(Runnable save) throws Exception {
        try {
            CompletableFuture.runAsync(save).get(1, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void anAnswerOnlyALaterStepReadsIsSavedAtOnce() throws Exception {
        withinASecond(() -> setup.runner.save(Map.of(KEY, "0xabc")));
        assertEquals("0xabc", setup.runner.answers().get(KEY));
        assertTrue(setup.finish().complete(), "the later step ran with the saved answer");
    }

    @Test
    void anAnswerTheRunningStepReadsIsRefusedAtOnceWithWhatToDo() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withinASecond(() -> setup.runner.save(Map.of(DIR, "/srv/vms", KEY, "0xabc"))));
        assertEquals("field '" + DIR + "': Finalization is running the step \u201cBuild the VM template\u201d, which"
                + " reads this answer. Wait until finalization ends or fails, then change it.", e.getMessage());
        assertEquals(Map.of(DIR, "/var/lib/blockhost/vms"), setup.runner.answers(), "nothing saved, not even the other answer");
        assertEquals(e.getMessage(), setup.runner.problems(Map.of(DIR, "/srv/vms")).get(DIR), "the pages' check says the same");
        assertThrows(IllegalArgumentException.class, () -> withinASecond(() -> setup.runner.save(Map.of(), Set.of(DIR))),
                "forgetting it is a change too");
    }

    @Test
    void theSameValueAgainIsNoChangeAndSavedAtOnce() throws Exception {
        withinASecond(() -> setup.runner.save(Map.of(DIR, "/var/lib/blockhost/vms", KEY, "0xabc")));
        assertEquals("0xabc", setup.runner.answers().get(KEY));
        assertTrue(setup.runner.problems(Map.of(DIR, "/var/lib/blockhost/vms")).isEmpty());
    }

    @Test
    void onceTheRunEndsTheAnswerMayChange() throws Exception {
        assertTrue(setup.finish().complete());
        assertFalse(setup.runner.problems(Map.of(DIR, "/srv/vms")).containsKey(DIR));
        withinASecond(() -> setup.runner.save(Map.of(DIR, "/srv/vms")));
        assertEquals("/srv/vms", setup.runner.answers().get(DIR));
    }
}
