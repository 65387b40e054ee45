package org.blockhost.core.internal.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.active.PluginHandle;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.provisioner.api.ExpiryNotice;
import org.blockhost.provisioner.api.Provisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expiry warnings inside the guest, through {@link Provisioner#notifyExpiry}: for every active VM the
 * login banner (when it becomes active and whenever its expiry or the renew URL changes) and one
 * {@code wall} message when {@link #FIRST_WALL} and one when {@link #LAST_WALL} remain. What was
 * delivered is stored per expiry ({@code vms.notice_banner}, {@code notice_wall3}, {@code notice_wall1}),
 * so a restart does not resend and a renewal starts over. A failed call changes nothing and is
 * retried after {@link #RETRY}; nothing here blocks the lifecycle (own timer, fenced calls).
 */
public final class ExpiryNotices {
    static final Duration FIRST_WALL = Duration.ofDays(3);
    static final Duration LAST_WALL = Duration.ofDays(1);
    static final Duration RETRY = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(ExpiryNotices.class);
    private static final String ACTIVE = "SELECT v.name, s.expires_at, v.notice_banner, v.notice_wall3, v.notice_wall1"
            + " FROM vms v JOIN subscriptions s ON s.id = v.subscription_id"
            + " WHERE v.state = 'active' AND s.cancelled = 0 AND " + org.blockhost.core.internal.store.MadeBy.MINE
            + " ORDER BY v.name";

    private record Row(String name, long expiresAt, String banner, Long wall3, Long wall1) {
    }

    private final Map<String, Long> failedAt = new ConcurrentHashMap<>();
    private final Database db;
    private final ActivePlugins plugins;
    private final Fence fence;
    private final Clock clock;
    private final Supplier<Optional<String>> renewUrl;

    public ExpiryNotices(Database db, ActivePlugins plugins, Fence fence, Clock clock, Supplier<Optional<String>> renewUrl) {
        this.db = db;
        this.plugins = plugins;
        this.fence = fence;
        this.clock = clock;
        this.renewUrl = renewUrl;
    }

    /** One pass over the active VMs. */
    public void tick() {
        Optional<PluginHandle<Provisioner>> p = plugins.provisioner();
        Optional<String> url = renewUrl.get();
        if (p.isEmpty() || url.isEmpty()) {
            return;
        }
        List<Row> rows = db.read(c -> Sql.list(c, ACTIVE, r -> new Row(r.getString(1), r.getLong(2), r.getString(3),
                Sql.nullableLong(r, "notice_wall3"), Sql.nullableLong(r, "notice_wall1")), p.get().id()));
        Set<String> names = new HashSet<>();
        rows.forEach(r -> names.add(r.name()));
        failedAt.keySet().retainAll(names);
        long now = clock.millis();
        for (Row row : rows) {
            if (row.expiresAt() > now && !retryPending(row.name(), now)) {
                notify(p.get(), row, url.get(), now);
            }
        }
    }

    private void notify(PluginHandle<Provisioner> p, Row row, String url, long now) {
        String banner = row.expiresAt() + " " + url;
        if (!banner.equals(row.banner()) && !send(p, row, ExpiryNotice.Kind.BANNER, url)) {
            return;
        }
        if (!banner.equals(row.banner())) {
            record(row, "notice_banner", banner);
        }
        long left = row.expiresAt() - now;
        if (left <= LAST_WALL.toMillis()) {
            if (!Long.valueOf(row.expiresAt()).equals(row.wall1()) && send(p, row, ExpiryNotice.Kind.WALL, url)) {
                record(row, "notice_wall1", row.expiresAt());
            }
        } else if (left <= FIRST_WALL.toMillis() && !Long.valueOf(row.expiresAt()).equals(row.wall3())
                && send(p, row, ExpiryNotice.Kind.WALL, url)) {
            record(row, "notice_wall3", row.expiresAt());
        }
    }

    /** Delivers one notice; false (and a retry after {@link #RETRY}) when it failed. */
    private boolean send(PluginHandle<Provisioner> p, Row row, ExpiryNotice.Kind kind, String url) {
        ExpiryNotice notice = new ExpiryNotice(kind, Instant.ofEpochMilli(row.expiresAt()), url);
        try {
            boolean delivered = fence.call(p, "provisioner " + p.id() + " expiry notice " + row.name(),
                    () -> p.service().notifyExpiry(row.name(), notice));
            LOG.info("{}: expiry {} {} ({})", row.name(), kind.name().toLowerCase(java.util.Locale.ROOT),
                    delivered ? "sent" : "not supported by the provisioner", notice.expiresAt());
            failedAt.remove(row.name());
            return true;
        } catch (FenceException e) {
            LOG.info("{}: expiry {} not delivered, retried later: {}", row.name(), kind, e.getMessage());
            failedAt.put(row.name(), clock.millis());
            return false;
        }
    }

    private boolean retryPending(String name, long now) {
        Long failed = failedAt.get(name);
        return failed != null && now - failed < RETRY.toMillis();
    }

    private void record(Row row, String column, Object value) {
        db.write(c -> Sql.update(c, "UPDATE vms SET " + column + " = ? WHERE name = ?", value, row.name()));
    }
}
