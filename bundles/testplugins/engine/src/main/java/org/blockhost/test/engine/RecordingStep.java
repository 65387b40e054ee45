package org.blockhost.test.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;

/**
 * Test double finalization step: appends its id to {@code <state>/testplugins/runs.log} and is
 * scripted through answers: {@code test.fail = <id>} fails it, {@code test.throw = <id>} makes it
 * throw an unchecked exception.
 */
public abstract class RecordingStep implements FinalizationStep {
    private final String id;
    private final Phase phase;
    private final int order;

    protected RecordingStep(String id, Phase phase, int order) {
        this.id = id;
        this.phase = phase;
        this.order = order;
    }

    @Override public String id() { return id; }
    @Override public String label() { return "test step " + id; }
    @Override public Phase phase() { return phase; }
    @Override public int order() { return order; }
    @Override public Set<String> answerKeys() { return Set.of("test.name", "test.fail", "test.throw"); }

    @Override
    public boolean isComplete(FinalizationContext context) {
        return false;
    }

    @Override
    public void run(FinalizationContext context) throws StepException {
        if (context.answer("test.throw").filter(id::equals).isPresent()) {
            throw new IllegalStateException("scripted crash in " + id);
        }
        if (context.answer("test.fail").filter(id::equals).isPresent()) {
            throw new StepException("scripted failure in " + id);
        }
        try {
            Path log = context.stateDirectory().resolve("testplugins").resolve("runs.log");
            Files.createDirectories(log.getParent());
            Files.writeString(log, id + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new StepException("cannot record run: " + e.getMessage(), e);
        }
        context.publish(id + ".ran", "yes");
    }
}
