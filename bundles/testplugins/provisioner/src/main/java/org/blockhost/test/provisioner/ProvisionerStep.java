package org.blockhost.test.provisioner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.blockhost.provisioner.api.ProvisionerId;
import org.osgi.service.component.annotations.Component;

/** Test double PROVISIONER-phase step; records its run like the test engine's steps. */
@Component(service = FinalizationStep.class)
@ProvisionerId(TestProvisioner.ID)
public final class ProvisionerStep implements FinalizationStep {
    static final String ID = "test-provisioner.template";

    @Override public String id() { return ID; }
    @Override public String label() { return "test template"; }
    @Override public Phase phase() { return Phase.PROVISIONER; }
    @Override public int order() { return 10; }

    @Override
    public boolean isComplete(FinalizationContext context) {
        return context.published(ID + ".ran").isPresent();
    }

    @Override
    public void run(FinalizationContext context) throws StepException {
        Path log = context.stateDirectory().resolve("testplugins").resolve("runs.log");
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, ID + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new StepException("cannot record run", e);
        }
        context.publish(ID + ".ran", "yes");
    }
}
