package org.blockhost.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.blockhost.installer.api.FinalizationStatus;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.platform.api.RuntimeLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
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

    /**
     * The operator raises the step timeout (a .cfg in the configuration folder) while the wizard is open:
     * the runner takes it without being restarted, so a running step goes on and the setup gate keeps its
     * code and the operator's session (a restart of the runner restarted the gate: new code, session gone).
     */
    @Test
    void aStepTimeoutChangeKeepsTheRunnerAndTheWizardSession() throws Exception {
        try (Harness harness = new Harness(context)) {
            harness.setupSession();
            ServiceReference<FinalizationStatus> before = context.getServiceReference(FinalizationStatus.class);
            Object serviceId = before.getProperty(Constants.SERVICE_ID);
            ServiceReference<ConfigurationAdmin> cmRef = context.getServiceReference(ConfigurationAdmin.class);
            Configuration config = context.getService(cmRef).getConfiguration("org.blockhost.installer.finalization", "?");
            try {
                config.update(new Hashtable<>(Map.of("stepTimeoutSeconds", 3600L)));
                Harness.await("the runner configured", Duration.ofSeconds(20), () -> {
                    ServiceReference<FinalizationStatus> now = context.getServiceReference(FinalizationStatus.class);
                    return now != null && Long.valueOf(3600L).equals(now.getProperty("stepTimeoutSeconds"));
                });
                assertEquals(serviceId, context.getServiceReference(FinalizationStatus.class).getProperty(Constants.SERVICE_ID),
                        "the runner was restarted");
                var session = harness.get("/setup/api/session");
                assertEquals(200, session.statusCode(), session.body());
                assertTrue(session.body().contains(harness.csrf()), "the wizard session is gone: " + session.body());
            } finally {
                config.delete();
                context.ungetService(cmRef);
            }
        }
    }
}
