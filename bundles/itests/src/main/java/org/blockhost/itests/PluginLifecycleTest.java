package org.blockhost.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.blockhost.console.api.PluginInfo;
import org.blockhost.console.api.PluginStatus;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.FinalizationStep;
import org.blockhost.provisioner.api.Provisioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** Plugins come and go at run time: services, readiness, step bar and plugin status follow. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class PluginLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @InjectBundleContext
    BundleContext context;

    @InjectService
    PluginStatus plugins;


    private Harness harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new Harness(context);
        harness.setupSession();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private Optional<PluginInfo> plugin(String id) {
        return plugins.plugins().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    @Test
    void installedPluginsRegisterServicesAndStepsInOrder() throws Exception {
        assertEquals(503, harness.get("/ready").statusCode());
        Bundle engine = harness.install("engine");
        Bundle provisioner = harness.install("provisioner");
        Harness.await("engine and provisioner services", WAIT, () ->
                context.getServiceReference(Engine.class) != null && context.getServiceReference(Provisioner.class) != null);
        assertEquals("test-engine", context.getServiceReference(Engine.class).getProperty(EngineId.PROPERTY));
        Harness.awaitChecked("/ready 200", WAIT, () -> harness.get("/ready").statusCode() == 200);
        String ready = harness.get("/ready").body();
        assertTrue(ready.contains("\"engine\" : \"test-engine\""), ready);
        assertTrue(ready.contains("\"provisioner\" : \"test-provisioner\""), ready);
        assertEquals(PluginInfo.State.ACTIVE, plugin("test-engine").orElseThrow().state());
        assertTrue(plugin("test-engine").orElseThrow().services().contains(Engine.class.getName()));
        String pluginsJson = harness.get("/api/plugins").body();
        assertTrue(pluginsJson.contains("\"id\" : \"test-provisioner\"") && pluginsJson.contains("\"state\" : \"ACTIVE\""),
                pluginsJson);

        String steps = harness.get("/setup/api/steps").body();
        assertTrue(steps.indexOf("test-engine") >= 0 && steps.indexOf("test-engine") < steps.indexOf("test-provisioner"),
                "engine step (order 100) before provisioner step (200): " + steps);
        String page = harness.get("/setup/").body();
        assertTrue(page.contains("Test chain") && page.indexOf("Test chain") < page.indexOf("Test hypervisor"), page);
        assertEquals(200, harness.get("/setup/test-engine").statusCode());

        harness.uninstall(engine);
        harness.uninstall(provisioner);
        Harness.await("services gone", WAIT, () -> context.getServiceReference(Engine.class) == null
                && context.getServiceReference(Provisioner.class) == null);
        assertFalse(harness.get("/setup/api/steps").body().contains("test-engine"));
        assertEquals(404, harness.get("/setup/test-engine").statusCode());
        assertEquals(503, harness.get("/ready").statusCode());
        assertTrue(plugin("test-engine").isEmpty());
    }

    @Test
    void removingTheEngineWithTheWizardOpenTakesItsPagesAndStepsAndInstallingItBackRestoresThem() throws Exception {
        Bundle engine = harness.install("engine");
        harness.install("provisioner");
        Harness.awaitChecked("engine and provisioner pages and steps", WAIT, () -> harness.get("/setup/network").body()
                .contains("Test chain") && harness.get("/setup/network").body().contains("Test hypervisor")
                && stepIds().contains("test-engine.pre"));
        assertTrue(stepIds().containsAll(List.of("test-engine.pre", "test-engine.post", "test-provisioner.template")));

        harness.uninstall(engine);
        Harness.awaitChecked("engine page gone from the step bar", WAIT,
                () -> !harness.get("/setup/network").body().contains("Test chain"));
        assertEquals(404, harness.get("/setup/test-engine").statusCode());
        assertFalse(harness.get("/setup/api/steps").body().contains("test-engine"));
        Harness.await("engine steps gone", WAIT, () -> stepIds().stream().noneMatch(s -> s.startsWith("test-engine.")));
        assertTrue(stepIds().contains("test-provisioner.template"), "the provisioner's step stays");
        String bar = harness.get("/setup/network").body();
        assertTrue(bar.contains("Test hypervisor"), "the provisioner's page stays: " + bar);

        harness.install("engine");
        Harness.awaitChecked("engine page back", WAIT, () -> harness.get("/setup/network").body().contains("Test chain")
                && harness.get("/setup/test-engine").statusCode() == 200);
        Harness.await("engine steps back", WAIT, () -> stepIds().containsAll(List.of("test-engine.pre", "test-engine.post")));
    }

    /** The finalization steps a run would run now (the status also lists persisted steps of removed plugins). */
    private List<String> stepIds() {
        try {
            return context.getServiceReferences(FinalizationStep.class, null).stream()
                    .map(r -> context.getService(r)).filter(s -> s != null).map(FinalizationStep::id).toList();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPluginThatThrowsInActivationIsMarkedFailedAndOthersKeepWorking() throws Exception {
        harness.install("engine");
        harness.install("provisioner");
        harness.install("broken");
        Harness.await("broken plugin reported failed", WAIT, () -> plugin("broken")
                .map(p -> p.state() == PluginInfo.State.FAILED).orElse(false));
        PluginInfo broken = plugin("broken").orElseThrow();
        String pluginsJson = harness.get("/api/plugins").body();
        assertTrue(pluginsJson.contains("\"state\" : \"FAILED\"") && pluginsJson.contains("broken on purpose"), pluginsJson);
        assertTrue(broken.failure().contains("broken on purpose"), broken.failure());
        Harness.awaitChecked("/ready 200 with the good plugins", WAIT, () -> harness.get("/ready").statusCode() == 200);
        String ready = harness.get("/ready").body();
        assertTrue(ready.contains("\"id\" : \"broken\""), ready);
        assertEquals(200, harness.get("/health").statusCode());
        assertEquals(PluginInfo.State.ACTIVE, plugin("test-engine").orElseThrow().state());
        String metrics = harness.get("/metrics").body();
        assertTrue(metrics.contains("blockhost_plugins{kind=\"engine\",state=\"failed\"} 1"), metrics);
    }

    @Test
    void aServletThatThrowsGetsAGeneric500AndMarksItsPluginFailed() throws Exception {
        Bundle engine = harness.install("engine");
        harness.install("provisioner");
        Harness.awaitChecked("engine step page", WAIT, () -> harness.get("/setup/test-engine").statusCode() == 200);
        var response = harness.get("/setup/test-engine?fail=1");
        assertEquals(500, response.statusCode());
        assertFalse(response.body().contains("secret-internal-detail"), "exception text must not reach the client");
        PluginInfo failed = plugin("test-engine").orElseThrow();
        assertEquals(PluginInfo.State.FAILED, failed.state());
        assertTrue(failed.failure().startsWith("wizard page /setup/test-engine"), failed.failure());
        assertEquals(503, harness.get("/ready").statusCode(), "a failed engine does not count as active");
        assertEquals(200, harness.get("/setup/test-provisioner").statusCode(), "other plugins keep serving");
        engine.update();
        Harness.await("failure cleared after update", WAIT, () -> plugin("test-engine")
                .map(p -> p.state() == PluginInfo.State.ACTIVE).orElse(false));
        assertEquals(List.of(), plugins.plugins().stream().filter(p -> p.state() == PluginInfo.State.FAILED).toList());
    }
}
