package org.blockhost.core.internal.funds;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.List;
import java.util.Map;

import org.blockhost.console.api.FundsControl;
import org.blockhost.console.api.PluginStatus;
import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.active.PluginHandle;
import org.blockhost.core.internal.store.CoreStore;
import org.blockhost.engine.api.Engine;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fund manager ({@value #PID}): scheduled and on-demand runs through the active engine's treasury. */
@Component(service = {FundsComponent.class, FundsControl.class}, configurationPid = FundsComponent.PID, immediate = true)
@Designate(ocd = FundsComponent.Config.class)
public final class FundsComponent implements FundsControl {
    public static final String PID = "org.blockhost.core.funds";
    private static final Logger LOG = LoggerFactory.getLogger(FundsComponent.class);

    @ObjectClassDefinition(name = "BlockHost fund manager",
            description = "Withdraws revenue, pays revenue shares by role and sends the rest to one role")
    public @interface Config {
        @AttributeDefinition(name = "Scheduled runs", description = "Run on the schedule (runs on demand always work)")
        boolean enabled() default false;

        @AttributeDefinition(name = "Interval (min)", description = "Minutes between scheduled runs, 5..525600")
        long intervalMinutes() default 1440;

        @AttributeDefinition(name = "Revenue shares", description = "role=basisPoints entries (roles from the address"
                + " book, together at most 10000); they need the contract's payout address to be the host wallet")
        String[] shares() default {};

        @AttributeDefinition(name = "Remainder role", description = "Who gets the rest: admin (the admin credential's"
                + " holder) or a role of the address book")
        String remainderRole() default "admin";

        @AttributeDefinition(name = "Gas threshold", description = "Native coin the host wallet keeps for its own"
                + " transactions (decimal, e.g. 0.01): below it nothing is paid until it is topped up")
        String gasThreshold() default "0.01";

        @AttributeDefinition(name = "Receipt wait (s)", description = "How long one run waits for each receipt, 10..3600")
        long receiptTimeoutSeconds() default 300;
    }

    private final ExecutorService callers = Executors.newCachedThreadPool(r -> thread(r, "blockhost-funds-call"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "blockhost-funds"));
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> thread(r, "blockhost-funds-run"));
    private final AtomicBoolean running = new AtomicBoolean();
    private final FundManager manager;

    @Activate
    public FundsComponent(@Reference CoreStore store, @Reference ActivePlugins plugins, @Reference PluginStatus status,
            Config config, BundleContext context) {
        Fence fence = new Fence(status, callers, Duration.ofSeconds(Math.max(60, config.receiptTimeoutSeconds() + 30)));
        TreasuryCalls chain = new TreasuryCalls() {
            @Override
            public <T> T call(String where, TreasuryCall<T> call) throws FenceException {
                PluginHandle<Engine> engine = plugins.engine()
                        .orElseThrow(() -> new FenceException("no chain engine is active", true, true));
                return fence.call(engine, where, () -> call.call(engine.service().treasury()));
            }
        };
        FundSettings settings = FundSettings.of(config);
        this.manager = new FundManager(new FundStore(store.db(), Clock.systemUTC()), chain, settings, Thread::sleep,
                KillPoints.from(context::getProperty));
        if (settings.enabled()) {
            timer.scheduleWithFixedDelay(() -> start(), 1, settings.intervalMinutes(), TimeUnit.MINUTES);
        }
    }

    public FundManager manager() {
        return manager;
    }

    @Override
    public Map<String, Object> status() {
        return FundJson.status(manager, running.get());
    }

    @Override
    public List<String> dryRun() {
        try {
            return manager.dryRun().lines();
        } catch (FenceException e) {
            throw new IllegalStateException("The chain cannot be read right now: " + e.getMessage());
        }
    }

    @Override
    public boolean start() {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        runner.execute(() -> {
            try {
                scheduled();
            } finally {
                running.set(false);
            }
        });
        return true;
    }

    private void scheduled() {
        try {
            FundManager.Report r = manager.run();
            LOG.info("fund manager run {}: {} {}", r.run(), r.state(), String.join("; ", r.lines()));
        } catch (FenceException | RuntimeException e) {
            LOG.warn("fund manager run failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
        runner.shutdownNow();
        callers.shutdownNow();
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
