package org.blockhost.core.internal.pool;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.blockhost.console.api.PluginStatus;
import org.blockhost.console.api.PoolStatus;
import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.pipeline.PipelineComponent;
import org.blockhost.core.internal.plans.Plans;
import org.blockhost.core.internal.store.CoreStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The warm pool ({@value #PID}): its size per plan, filled in the background; off (size 0) by default. */
@Component(service = {PoolComponent.class, PoolStatus.class}, configurationPid = PoolComponent.PID, immediate = true)
@Designate(ocd = PoolComponent.Config.class)
public final class PoolComponent implements PoolView, PoolStatus {
    public static final String PID = "org.blockhost.core.pool";
    private static final Logger LOG = LoggerFactory.getLogger(PoolComponent.class);

    @ObjectClassDefinition(name = "BlockHost warm pool", description = "Booted VMs per plan, waiting for a buyer")
    public @interface Config {
        @AttributeDefinition(name = "Sizes", description = "planId:count (0..64) per plan; none or 0 = no pool (cold starts)")
        String[] sizes() default {};

        @AttributeDefinition(name = "Check interval (s)", description = "How often the pool is filled and checked (1..3600)")
        int checkSeconds() default 10;

        @AttributeDefinition(name = "Plugin call timeout (s)")
        long pluginTimeoutSeconds() default 120;
    }

    private final PoolStore pool;
    private final CoreStore store;
    private final ActivePlugins plugins;
    private final PoolSizes sizes;
    private final ExecutorService callers = Executors.newCachedThreadPool(r -> daemon(r, "blockhost-pool-call"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "blockhost-pool"));

    @Activate
    public PoolComponent(@Reference CoreStore store, @Reference ActivePlugins plugins, @Reference Plans plans,
            @Reference PluginStatus status, @Reference PipelineComponent pipeline, Config config) {
        if (config.checkSeconds() < 1 || config.checkSeconds() > 3600) {
            throw new IllegalArgumentException(PID + " checkSeconds must be 1..3600: " + config.checkSeconds());
        }
        this.sizes = PoolSizes.parse(config.sizes());
        this.pool = new PoolStore(store.db());
        this.store = store;
        this.plugins = plugins;
        Fence fence = new Fence(status, callers, Duration.ofSeconds(config.pluginTimeoutSeconds()));
        PoolFiller filler = new PoolFiller(pool, plugins, fence, plans::catalog, pipeline::settings);
        timer.scheduleWithFixedDelay(() -> pass(filler), 1, config.checkSeconds(), TimeUnit.SECONDS);
    }

    private void pass(PoolFiller filler) {
        try {
            if (sizes.any() || !pool.unassigned().isEmpty()) {
                filler.pass(sizes);
            }
        } catch (RuntimeException e) {
            LOG.error("warm pool pass failed: {}", e.getMessage(), e);
        }
    }

    @Override
    public PoolSizes sizes() {
        return sizes;
    }

    @Override
    public Map<Long, Map<String, Long>> counts() {
        return pool.counts();
    }

    @Override
    public List<PoolStore.PoolVm> vms() {
        return pool.unassigned();
    }

    @Override
    public List<PlanPool> plans() {
        return PoolSummary.of(store.db(), sizes, plugins.provisionerId(), java.time.Instant.now());
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        callers.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
