package org.blockhost.test.engine;

import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.osgi.service.component.annotations.Component;

/** The test engine's finalization steps (one before and one after the provisioner's). */
public final class EngineSteps {
    private EngineSteps() {
    }

    /** Runs in ENGINE_PRE. */
    @Component(service = FinalizationStep.class)
    @EngineId(TestEngine.ID)
    public static final class Pre extends RecordingStep {
        public Pre() {
            super("test-engine.pre", Phase.ENGINE_PRE, 10);
        }
    }

    /** Runs in ENGINE_POST. */
    @Component(service = FinalizationStep.class)
    @EngineId(TestEngine.ID)
    public static final class Post extends RecordingStep {
        public Post() {
            super("test-engine.post", Phase.ENGINE_POST, 10);
        }
    }
}
