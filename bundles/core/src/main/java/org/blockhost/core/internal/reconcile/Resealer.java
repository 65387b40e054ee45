package org.blockhost.core.internal.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.pipeline.Credentials;
import org.blockhost.core.internal.pipeline.PipelineSettings;
import org.blockhost.core.internal.store.Audit;
import org.blockhost.core.internal.store.Database;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.crypto.api.AccessKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After an access-key rotation, re-encrypts a VM's credentials to the new key and updates the
 * token (idempotent on the engine's side); retried every pass until it succeeds. Each update costs
 * the host gas, so a token is resealed at most once per {@code interval}: rotations in between wait
 * and are coalesced into one update to the latest key.
 */
public final class Resealer {
    /** Default minimum time between two credentials updates of one token: 10 minutes. */
    public static final long DEFAULT_INTERVAL_SECONDS = 600;
    private static final Logger LOG = LoggerFactory.getLogger(Resealer.class);

    private final Database db;
    private final ActivePlugins plugins;
    private final Fence fence;
    private final Clock clock;
    private final Supplier<PipelineSettings> settings;
    private final Duration interval;

    public Resealer(Database db, ActivePlugins plugins, Fence fence, Clock clock, Supplier<PipelineSettings> settings,
            Duration interval) {
        this.interval = interval;
        this.db = db;
        this.plugins = plugins;
        this.fence = fence;
        this.clock = clock;
        this.settings = settings;
    }

    public void tick() {
        var sealer = plugins.sealer();
        var engine = plugins.engine();
        if (sealer.isEmpty() || engine.isEmpty()) {
            return;
        }
        List<Object[]> pending = db.read(c -> Sql.list(c, "SELECT v.name, v.token_id, v.address, v.ssh_port, s.access_key, v.host_key,"
                + " COALESCE((SELECT a.value FROM allocations a WHERE a.kind = 'ipv6' AND a.vm_name = v.name), '')"
                + " FROM vms v JOIN subscriptions s ON s.id = v.subscription_id WHERE v.reseal_pending = 1"
                + " AND v.token_id IS NOT NULL AND v.state <> 'destroyed' AND (v.resealed_at IS NULL OR v.resealed_at <= ?)",
                r -> new Object[] {r.getString(1), r.getLong(2), r.getString(3), r.getInt(4), r.getString(5), r.getString(6), r.getString(7)},
                clock.millis() - interval.toMillis()));
        for (Object[] vm : pending) {
            String name = (String) vm[0];
            long token = (Long) vm[1];
            String key = (String) vm[4];
            if (!AccessKey.isValidCompressed(key)) {
                refuse(name, key);
                continue;
            }
            try {
                byte[] plaintext = Credentials.plaintext(name, (String) vm[2], (Integer) vm[3],
                        new Credentials.Extras((String) vm[5], (String) vm[6]), settings.get());
                byte[] sealed = fence.call(sealer.get(), "re-seal credentials of " + name, () -> sealer.get().service().seal(key, plaintext));
                fence.call(engine.get(), "engine " + engine.get().id() + " update credentials of token " + token, () -> {
                    engine.get().service().credentials().updateCredentials(token, sealed);
                    return null;
                });
                long now = clock.millis();
                db.write(c -> {
                    Sql.update(c, "UPDATE vms SET resealed_at = ?1, updated_at = ?1 WHERE name = ?2", now, name);
                    Sql.update(c, "UPDATE vms SET reseal_pending = 0, updated_at = ? WHERE name = ? AND EXISTS (SELECT 1 FROM"
                            + " subscriptions s WHERE s.id = vms.subscription_id AND s.access_key = ?)", now, name, key);
                    Audit.append(c, now, "reconciler", name, "credentials re-encrypted", "token " + token);
                    return null;
                });
            } catch (FenceException | IllegalArgumentException e) {
                LOG.warn("re-encryption of {} failed, retried next pass: {}", name, e.getMessage());
            }
        }
    }

    /** An off-curve key can never be sealed to: the old credentials stay, the operator sees why. */
    private void refuse(String name, String key) {
        long now = clock.millis();
        db.write(c -> {
            Sql.update(c, "UPDATE vms SET reseal_pending = 0, updated_at = ? WHERE name = ? AND EXISTS (SELECT 1 FROM"
                    + " subscriptions s WHERE s.id = vms.subscription_id AND s.access_key = ?)", now, name, key);
            Audit.append(c, now, "reconciler", name, "access key refused", "not a valid compressed secp256k1 point;"
                    + " credentials stay sealed to the previous key");
            return null;
        });
    }
}
