package org.blockhost.core.internal.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.active.PluginHandle;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.ReadyMark;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.provisioner.api.GuestReadiness;
import org.blockhost.provisioner.api.Provisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VM state "ready for login": each created VM (provisioning or active) that is not ready yet is
 * asked through the provisioner's {@link Provisioner#readiness} whether its guest finished its first
 * boot. The first "yes" is stored once ({@code vms.ready_at}, the guest's SSH host key in
 * {@code vms.host_key}, audit {@code ready}); a "no", an outage or a failed probe changes nothing and
 * the next pass asks again; a guest not ready {@link #STALE_AFTER} after its VM was created is asked
 * at most once per {@link #SLOW_PROBE}.
 */
public final class ReadinessWatch {
    private static final Logger LOG = LoggerFactory.getLogger(ReadinessWatch.class);
    /** A guest still not ready this long after its VM was created is asked at most once per {@link #SLOW_PROBE}. */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);
    static final Duration SLOW_PROBE = Duration.ofMinutes(1);
    private final Map<String, Long> lastProbe = new ConcurrentHashMap<>();
    private final Database db;
    private final ActivePlugins plugins;
    private final Fence fence;
    private final Clock clock;

    public ReadinessWatch(Database db, ActivePlugins plugins, Fence fence, Clock clock) {
        this.db = db;
        this.plugins = plugins;
        this.fence = fence;
        this.clock = clock;
    }

    /** One pass over the VMs waiting for their first boot. */
    public void tick() {
        Optional<PluginHandle<Provisioner>> p = plugins.provisioner();
        if (p.isEmpty()) {
            return;
        }
        long now = clock.millis();
        List<Map.Entry<String, Long>> waiting = db.read(c -> Sql.list(c, "SELECT name, created_at FROM vms v"
                + " WHERE ready_at IS NULL AND state IN ('provisioning', 'active') AND "
                + org.blockhost.core.internal.store.MadeBy.MINE + " ORDER BY name",
                r -> Map.entry(r.getString(1), r.getLong(2)), p.get().id()));
        Set<String> names = new HashSet<>();
        waiting.forEach(w -> names.add(w.getKey()));
        lastProbe.keySet().retainAll(names);
        for (Map.Entry<String, Long> w : waiting) {
            if (due(w.getKey(), w.getValue(), now)) {
                lastProbe.put(w.getKey(), now);
                probe(p.get(), w.getKey());
            }
        }
    }

    /** Every pass while the first boot may still be running; then at most once per {@link #SLOW_PROBE}. */
    private boolean due(String name, long createdAt, long now) {
        Long last = lastProbe.get(name);
        return now - createdAt < STALE_AFTER.toMillis() || last == null || now - last >= SLOW_PROBE.toMillis();
    }

    private void probe(PluginHandle<Provisioner> p, String name) {
        GuestReadiness r;
        try {
            r = fence.call(p, "provisioner " + p.id() + " readiness " + name, () -> p.service().readiness(name));
        } catch (FenceException e) {
            LOG.debug("readiness of {} not known: {}", name, e.getMessage());
            return;
        }
        if (r == null || !r.ready()) {
            return;
        }
        long now = clock.millis();
        boolean marked = db.write(c -> ReadyMark.mark(c, name, r, now));
        if (marked) {
            LOG.info("{} is ready for login", name);
        }
    }
}
