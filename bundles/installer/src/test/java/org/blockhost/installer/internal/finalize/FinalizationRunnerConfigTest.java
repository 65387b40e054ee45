package org.blockhost.installer.internal.finalize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FinalizationRunnerConfigTest {
    /** The root agent waits up to 45 min for a template build; a step must not be cut off before it. */
    private static final Duration TEMPLATE_BUILD_LIMIT = Duration.ofMinutes(45);

    @Test
    void aStepMayWaitForAWholeTemplateBuild() throws Exception {
        long seconds = (Long) FinalizationRunner.Config.class.getMethod("stepTimeoutSeconds").getDefaultValue();
        assertTrue(Duration.ofSeconds(seconds).compareTo(TEMPLATE_BUILD_LIMIT) > 0,
                "step timeout " + seconds + " s is shorter than a template build may take");
    }
}
