package org.blockhost.core.internal.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import org.blockhost.console.api.PipelineControl;
import org.blockhost.console.api.PipelineStatus;
import org.blockhost.console.api.PluginStatus;
import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.plans.Plans;
import org.blockhost.core.internal.store.CoreStore;
import org.blockhost.platform.api.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The running pipeline ({@value #PID}); a configuration change restarts it with the new settings. */
@Component(service = {PipelineStatus.class, PipelineControl.class, PipelineComponent.class}, configurationPid = PipelineComponent.PID,
        immediate = true)
@Designate(ocd = PipelineComponent.Config.class)
public final class PipelineComponent implements PipelineStatus, PipelineControl {
    public static final String PID = "org.blockhost.core.pipeline";

    @ObjectClassDefinition(name = "BlockHost pipeline", description = "Subscription pipeline tuning")
    public @interface Config {
        @AttributeDefinition(name = "Concurrency", description = "Subscriptions worked on at once (1..64)")
        int concurrency() default 4;

        @AttributeDefinition(name = "Retry budget", description = "Attempts per stage before parking")
        int retryBudget() default 8;

        @AttributeDefinition(name = "Backoff base (ms)", description = "First retry delay; doubles per attempt, with jitter")
        long backoffBaseMillis() default 2000;

        @AttributeDefinition(name = "Backoff max (ms)")
        long backoffMaxMillis() default 300000;

        @AttributeDefinition(name = "Plugin call timeout (s)")
        long pluginTimeoutSeconds() default 60;

        @AttributeDefinition(name = "Poll interval (ms)", description = "How often due retries are looked for")
        long pollMillis() default 500;

        @AttributeDefinition(name = "Template", description = "Guest template VMs are cloned from")
        String template() default "debian-12";

        @AttributeDefinition(name = "Guest user", description = "Login user created in each VM")
        String guestUser() default "user";

        @AttributeDefinition(name = "Public host", description = "Host name in the credentials when the provisioner reports no address")
        String publicHost() default "localhost";
    }

    private final PipelineStore store;
    private final PipelineSettings settings;
    private final PipelineMetrics metrics = new PipelineMetrics();
    private final ExecutorService callers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blockhost-plugin-call");
        t.setDaemon(true);
        return t;
    });
    private final Pipeline pipeline;

    @Activate
    public PipelineComponent(@Reference CoreStore coreStore, @Reference ActivePlugins plugins, @Reference Plans plans,
            @Reference PluginStatus status, Config config, BundleContext context) {
        this.settings = settings(config).withDevMode(RuntimeLayout.from(context::getProperty).dev());
        this.store = new PipelineStore(coreStore.db());
        Fence fence = new Fence(status, callers, settings.pluginTimeout());
        this.pipeline = Pipeline.start(store, plugins, fence, plans::catalog, plans::error, () -> settings,
                Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble(), metrics, (id, from, to) -> { });
        plugins.onChange(pipeline::wakeUp);
    }

    static PipelineSettings settings(Config c) {
        return new PipelineSettings(c.concurrency(), c.retryBudget(), Duration.ofMillis(c.backoffBaseMillis()),
                Duration.ofMillis(c.backoffMaxMillis()), Duration.ofSeconds(c.pluginTimeoutSeconds()),
                Duration.ofMillis(c.pollMillis()), c.template(), c.guestUser(), c.publicHost());
    }

    @Deactivate
    void deactivate() {
        pipeline.close();
        callers.shutdownNow();
    }

    @Override
    public List<Entry> entries() {
        return store.entries(false);
    }

    public List<Entry> parked() {
        return store.entries(true);
    }

    @Override
    public boolean retry(long subscriptionId, String actor) {
        boolean done = store.retry(subscriptionId, actor, System.currentTimeMillis());
        pipeline.wakeUp();
        return done;
    }

    public void wakeUp() {
        pipeline.wakeUp();
    }

    public PipelineSettings settings() {
        return settings;
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    public long[] depthAndParked() {
        return store.depthAndParked();
    }
}
