package org.blockhost.test.scripted;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.blockhost.console.api.PipelineStatus;
import org.blockhost.engine.api.ChainCursor;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainEventSink;
import org.blockhost.engine.api.EventOrigin;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scripted engine's "chain watcher": every 200 ms it reads {@code <state>/scripted/purchases.txt}
 * (lines {@code subscriptionId planId subscriber}; every purchase expires at {@link #EXPIRY}, so
 * the engine's view at finality agrees across restarts) and, when it changed (and on every activation),
 * commits them as {@code SubscriptionCreated} events through core's sink; the inbox ignores
 * replays by business key. It delivers nothing until the plans configuration exists, so a purchase
 * never races the operator's plans at start-up (and only while core's pipeline is up).
 */
@Component(immediate = true)
public final class PurchaseFeeder {
    /** The secp256k1 generator point, compressed: a valid access key for the crypto bundle's sealer. */
    static final String ACCESS_KEY = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    /** Expiry of every scripted purchase: far away, so nothing expires during a test. */
    static final Instant EXPIRY = Instant.parse("2100-01-01T00:00:00Z");
    private static final Logger LOG = LoggerFactory.getLogger(PurchaseFeeder.class);
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

    private final ChainEventSink sink;
    private final ConfigurationAdmin configAdmin;
    private final Path purchases;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scripted-purchase-feeder");
        t.setDaemon(true);
        return t;
    });
    private long plansSeenAt = -1;
    private List<String> committed = List.of();

    @Activate
    public PurchaseFeeder(@Reference ChainEventSink sink, @Reference ConfigurationAdmin configAdmin,
            @Reference ScriptedLedger ledger, @Reference PipelineStatus pipeline) {
        this.sink = sink;
        this.configAdmin = configAdmin;
        this.purchases = ledger.dir().resolve("purchases.txt");
        timer.scheduleWithFixedDelay(this::poll, 0, 200, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }

    private void poll() {
        try {
            if (!plansConfigured() || !Files.exists(purchases)) {
                return;
            }
            List<String> lines = Files.readAllLines(purchases, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            if (lines.equals(committed)) {
                return;
            }
            List<ChainEvent> events = new ArrayList<>();
            long block = 0;
            for (String line : lines) {
                String[] f = line.split("\\s+");
                long id = Long.parseLong(f[0]);
                block = Math.max(block, id);
                EventOrigin origin = new EventOrigin(id, "0xb" + id, "0xt" + id, 0);
                events.add(new ChainEvent.SubscriptionCreated(id, Long.parseLong(f[1]), f[2],
                        EXPIRY, ACCESS_KEY, origin));
            }
            sink.commit(ScriptedEngine.ID, events, new ChainCursor(block, "0xb" + block));
            committed = lines;
            LOG.info("scripted feeder committed {} purchases up to block {}", events.size(), block);
        } catch (IOException | RuntimeException e) {
            LOG.warn("scripted feeder: {}", e.toString());
        }
    }

    private boolean plansConfigured() {
        if (plansSeenAt < 0) {
            try {
                if (configAdmin.listConfigurations("(service.pid=org.blockhost.core.plans)") == null) {
                    return false;
                }
            } catch (IOException | InvalidSyntaxException e) {
                return false;
            }
            plansSeenAt = System.nanoTime();
        }
        return System.nanoTime() - plansSeenAt >= SETTLE_NANOS;
    }
}
