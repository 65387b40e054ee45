package org.blockhost.core.internal.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.blockhost.console.api.PluginStatus;
import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.pipeline.PipelineComponent;
import org.blockhost.core.internal.reconcile.Reconciler;
import org.blockhost.core.internal.reconcile.Resealer;
import org.blockhost.core.internal.store.CoreStore;
import org.blockhost.web.api.TlsEndpoint;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the lifecycle and the reconciler periodically ({@value #PID}). */
@Component(service = LifecycleComponent.class, configurationPid = LifecycleComponent.PID, immediate = true)
@Designate(ocd = LifecycleComponent.Config.class)
public final class LifecycleComponent {
    public static final String PID = "org.blockhost.core.lifecycle";
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleComponent.class);

    @ObjectClassDefinition(name = "BlockHost lifecycle", description = "Suspend, resume, destroy and reconcile")
    public @interface Config {
        @AttributeDefinition(name = "Check interval (s)", description = "Seconds between lifecycle checks")
        long intervalSeconds() default 60;

        @AttributeDefinition(name = "Grace period (days)",
                description = "Days a lapsed VM stays suspended before destroy (set on the provisioner's wizard page);"
                        + " fractions allowed (0.5 = 12 h), 0..3650")
        double gracePeriodDays() default GracePeriod.DEFAULT_DAYS;

        @AttributeDefinition(name = "Reconcile interval (s)", description = "Seconds between owner and inventory reconciliation")
        long reconcileIntervalSeconds() default 300;

        @AttributeDefinition(name = "Plugin call timeout (s)")
        long pluginTimeoutSeconds() default 60;

        @AttributeDefinition(name = "Max watcher lag (blocks)",
                description = "A destroy needs the engine's committed cursor within this many blocks of the finalized block")
        long maxCursorLagBlocks() default Lifecycle.DEFAULT_MAX_CURSOR_LAG;

        @AttributeDefinition(name = "Re-encryption interval per token (s)",
                description = "At most one credentials update per token in this time; later key rotations wait and are coalesced")
        long resealIntervalSeconds() default Resealer.DEFAULT_INTERVAL_SECONDS;

        @AttributeDefinition(name = "Renewal check per VM (min)",
                description = "A VM suspended for expiry is checked on chain at finality for a renewal whose log never"
                        + " arrived at most once in this many minutes (and always just before it is suspended);"
                        + " fractions allowed, 0..10080")
        double renewalCheckMinutes() default Lifecycle.DEFAULT_RENEWAL_CHECK_MINUTES;

        @AttributeDefinition(name = "Ready check interval (s)",
                description = "Seconds between asking new VMs' guests whether their first boot finished (ready for login), 1..3600")
        long readyCheckSeconds() default 5;
    }

    private final ExecutorService callers = Executors.newCachedThreadPool(r -> thread(r, "blockhost-lifecycle-call"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "blockhost-lifecycle"));
    private final ScheduledExecutorService readyTimer = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "blockhost-ready"));
    private final ScheduledExecutorService noticeTimer = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "blockhost-notice"));
    private final Lifecycle lifecycle;
    private final Reconciler reconciler;
    private final OperatorActions operator;

    @Activate
    public LifecycleComponent(@Reference CoreStore store, @Reference ActivePlugins plugins, @Reference PluginStatus status,
            @Reference PipelineComponent pipeline, Config config, BundleContext bundle) {
        Fence fence = new Fence(status, callers, Duration.ofSeconds(config.pluginTimeoutSeconds()));
        this.lifecycle = new Lifecycle(store.db(), plugins, fence, Clock.systemUTC(), GracePeriod.ofDays(config.gracePeriodDays()));
        if (config.maxCursorLagBlocks() < 0 || config.resealIntervalSeconds() < 0) {
            throw new IllegalArgumentException("maxCursorLagBlocks and resealIntervalSeconds must not be negative");
        }
        lifecycle.maxCursorLag(config.maxCursorLagBlocks());
        lifecycle.renewalCheckInterval(renewalCheck(config.renewalCheckMinutes()));
        this.operator = new OperatorActions(store.db(), lifecycle.actions(), Clock.systemUTC());
        this.reconciler = new Reconciler(store.db(), plugins, fence, Clock.systemUTC());
        Resealer resealer = new Resealer(store.db(), plugins, fence, Clock.systemUTC(), pipeline::settings,
                Duration.ofSeconds(config.resealIntervalSeconds()));
        timer.scheduleWithFixedDelay(() -> guarded("lifecycle", lifecycle::tick), config.intervalSeconds(),
                config.intervalSeconds(), TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(() -> guarded("re-encryption", resealer::tick), config.intervalSeconds(),
                config.intervalSeconds(), TimeUnit.SECONDS);
        if (config.readyCheckSeconds() < 1 || config.readyCheckSeconds() > 3600) {
            throw new IllegalArgumentException("readyCheckSeconds must be between 1 and 3600");
        }
        ReadinessWatch ready = new ReadinessWatch(store.db(), plugins, fence, Clock.systemUTC());
        readyTimer.scheduleWithFixedDelay(() -> guarded("ready check", ready::tick), config.readyCheckSeconds(),
                config.readyCheckSeconds(), TimeUnit.SECONDS);
        ExpiryNotices notices = new ExpiryNotices(store.db(), plugins, fence, Clock.systemUTC(),
                () -> renewUrl(pipeline, bundle));
        noticeTimer.scheduleWithFixedDelay(() -> guarded("expiry notices", notices::tick), config.intervalSeconds(),
                config.intervalSeconds(), TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(() -> guarded("reconciler", reconciler::tick), config.reconcileIntervalSeconds(),
                config.reconcileIntervalSeconds(), TimeUnit.SECONDS);
    }

    /** The renew URL; its port from the served HTTPS endpoint, looked up each time (it comes and goes). */
    private static java.util.Optional<String> renewUrl(PipelineComponent pipeline, BundleContext bundle) {
        String https = null;
        ServiceReference<TlsEndpoint> ref = bundle.getServiceReference(TlsEndpoint.class);
        TlsEndpoint served = ref == null ? null : bundle.getService(ref);
        if (served != null) {
            try {
                https = served.httpsUrl();
            } finally {
                bundle.ungetService(ref);
            }
        }
        return RenewUrl.of(pipeline.settings().publicHost(), https);
    }

    static Duration renewalCheck(double minutes) {
        if (!(minutes >= 0 && minutes <= 10080)) {
            throw new IllegalArgumentException("renewalCheckMinutes must be between 0 and 10080, not " + minutes);
        }
        return Duration.ofMillis(Math.round(minutes * 60_000));
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("{} pass failed: {}", what, e.getMessage(), e);
        }
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    /** The operator's suspend, resume and destroy. */
    public OperatorActions operator() {
        return operator;
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        readyTimer.shutdownNow();
        noticeTimer.shutdownNow();
        callers.shutdownNow();
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
