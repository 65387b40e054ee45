package org.blockhost.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.blockhost.installer.api.FinalizationStatus;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.platform.api.RuntimeLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** The finalization runner collects the plugins' steps and runs them in phase order over HTTP. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class FinalizationTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    FinalizationStatus status;

    @Test
    void stepsOfBothPluginsRunInPhaseOrder() throws Exception {
        try (Harness harness = new Harness(context)) {
            harness.setupSession();
            harness.install("provisioner");
            harness.install("engine");
            Harness.await("six steps registered", Duration.ofSeconds(20), () -> {
                try {
                    return context.getServiceReferences(FinalizationStep.class, null).size() == 6;
                } catch (Exception e) {
                    return false;
                }
            });
            assertEquals(List.of("test-engine.pre", "test-provisioner.template", "network.public-host", "network.vm-bridge",
                    "core.admin-commands",
                    "test-engine.post"),
                    status.steps().stream().map(FinalizationStatus.StepStatus::id).toList());
            assertEquals(202, harness.post("/setup/api/finalization").statusCode());
            Harness.await("finalization complete", Duration.ofSeconds(20), status::complete);
            Path log = RuntimeLayout.from(context::getProperty).stateDir().resolve("testplugins/runs.log");
            assertEquals(List.of("test-engine.pre", "test-provisioner.template", "test-engine.post"), Files.readAllLines(log));
            assertTrue(status.steps().stream().allMatch(s -> s.state() == FinalizationStatus.State.DONE));
        }
    }
}
