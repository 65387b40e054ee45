package org.blockhost.core.internal.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.inbox.EventInbox;
import org.blockhost.core.internal.pipeline.Pipeline;
import org.blockhost.core.internal.pipeline.PipelineMetrics;
import org.blockhost.core.internal.pipeline.PipelineObserver;
import org.blockhost.core.internal.pipeline.PipelineSettings;
import org.blockhost.core.internal.pipeline.PipelineStore;
import org.blockhost.core.internal.plans.PlanCatalog;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.engine.api.ChainCursor;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.EventOrigin;

/** Core without OSGi: store, inbox, plugins, fence and pipeline over test doubles. */
public final class Harness implements AutoCloseable {
    public final Database db;
    public final ActivePlugins plugins = new ActivePlugins();
    public final RecordingStatus status = new RecordingStatus();
    public final ExecutorService callers = Executors.newCachedThreadPool();
    public final Fence fence;
    public final PipelineStore store;
    public final EventInbox inbox;
    public final PipelineMetrics metrics = new PipelineMetrics();
    public volatile PlanCatalog plans = PlanCatalog.parse(new String[] {"1:1:1024:10", "2:2:2048:20"});
    public Pipeline pipeline;

    public Harness(Path dir, Duration pluginTimeout) {
        this.db = Database.open(dir.resolve("blockhost.db"));
        this.fence = new Fence(status, callers, pluginTimeout);
        this.store = new PipelineStore(db);
        this.inbox = new EventInbox(db, Clock.systemUTC(), () -> {
            if (pipeline != null) {
                pipeline.wakeUp();
            }
        });
    }

    public static PipelineSettings fast(int concurrency, int budget) {
        return new PipelineSettings(concurrency, budget, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5),
                Duration.ofMillis(20), "debian-12", "user", "host.example");
    }

    public Harness bindAll(FakeEngine engine, FakeProvisioner provisioner, FakeSealer sealer) {
        if (engine != null) {
            plugins.bindEngine(engine, Map.of("service.bundleid", 11L, "org.blockhost.engine.id", "fake"));
        }
        if (provisioner != null) {
            plugins.bindProvisioner(provisioner, Map.of("service.bundleid", 12L, "org.blockhost.provisioner.id", "fake"));
        }
        if (sealer != null) {
            plugins.bindSealer(sealer, Map.of("service.bundleid", 13L));
        }
        return this;
    }

    /** Starts a fast pipeline and takes subscription 1 (plan 1) to active: VM {@code blockhost-001}. */
    public Harness withActiveVm() {
        start(fast(1, 3), (id, from, to) -> { });
        commit(List.of(created(1, 1, 10)), 10);
        await(Duration.ofSeconds(10), () -> stage(1).equals("active"));
        return this;
    }

    public Pipeline start(PipelineSettings settings, PipelineObserver observer) {
        return start(settings, observer, Clock.systemUTC());
    }

    /** The secp256k1 generator, compressed: a valid access key. */
    public static final String KEY = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    /** 02 || x with x = 5: the right length and prefix, but no point on the curve. */
    public static final String OFF_CURVE_KEY = "02" + "0".repeat(63) + "5";
    public static final String BUYER = "0xAbC0000000000000000000000000000000000001";

    public static ChainEvent.SubscriptionCreated created(long id, long plan, long block) {
        return new ChainEvent.SubscriptionCreated(id, plan, BUYER, Instant.parse("2030-01-01T00:00:00Z"), KEY,
                origin(block, (int) id));
    }

    /** The same purchase (same transaction) as {@code created(id, plan, originalBlock)}, included again in {@code block}. */
    public static ChainEvent.SubscriptionCreated reIncluded(long id, long plan, long originalBlock, long block) {
        return new ChainEvent.SubscriptionCreated(id, plan, BUYER, Instant.parse("2030-01-01T00:00:00Z"), KEY,
                new EventOrigin(block, "b" + block, origin(originalBlock, (int) id).transactionHash(), (int) id));
    }

    public Pipeline start(PipelineSettings settings, PipelineObserver observer, Clock clock) {
        pipeline = Pipeline.start(store, plugins, fence, () -> plans, () -> "", () -> settings, clock,
                new Random(7)::nextDouble, metrics, observer);
        plugins.onChange(pipeline::wakeUp);
        return pipeline;
    }

    public static EventOrigin origin(long block, int log) {
        return new EventOrigin(block, "b" + block, "t" + block + "-" + log, log);
    }

    public void commit(List<ChainEvent> events, long block) {
        inbox.commit("fake", events, new ChainCursor(block, "b" + block));
    }

    public String stage(long subscriptionId) {
        return db.read(c -> Sql.one(c, "SELECT stage || CASE WHEN parked_reason IS NULL THEN '' ELSE ' parked' END"
                + " FROM pipeline WHERE subscription_id = ?", r -> r.getString(1), subscriptionId).orElse("none"));
    }

    public String parkedReason(long subscriptionId) {
        return db.read(c -> Sql.one(c, "SELECT COALESCE(parked_reason, '') FROM pipeline WHERE subscription_id = ?",
                r -> r.getString(1), subscriptionId).orElse(""));
    }

    public long count(String sql, Object... args) {
        return db.read(c -> Sql.count(c, sql, args));
    }

    /** Waits until the condition holds, up to the timeout. */
    public static void await(Duration timeout, java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        if (pipeline != null) {
            pipeline.close();
        }
        callers.shutdownNow();
        db.close();
    }
}
