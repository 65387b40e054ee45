package org.blockhost.core.internal.pipeline;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.active.LoginWallets;
import org.blockhost.core.internal.active.PluginHandle;
import org.blockhost.core.internal.plans.PlanCatalog;
import org.blockhost.core.internal.pool.PoolStore;
import org.blockhost.core.internal.store.Sql;
import org.blockhost.core.internal.store.ReadyMark;
import org.blockhost.core.internal.store.VmAllocations;
import org.blockhost.crypto.api.AccessKey;
import org.blockhost.provisioner.api.GuestReadiness;
import org.blockhost.provisioner.api.NetworkAllocation;
import org.blockhost.provisioner.api.OwnerBinding;
import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmSpec;

/**
 * The work of each stage. Every plugin call is idempotent by business key (VM name, subscription
 * id), so repeating a stage after a crash between the call and the commit is safe.
 */
final class StageWork {
    /** Longest wait for a guest's first boot before its details are sealed without its host key. */
    static final long FIRST_BOOT_WAIT_MS = 10 * 60_000L;
    /** How often a booting guest is asked whether its first boot finished (one guest-agent exec per ask). */
    static final long BOOT_POLL_MS = 1_000L;
    /** How often a job whose VM another provisioner made looks again whether that provisioner is back. */
    static final long ELSEWHERE_POLL_MS = 60_000L;
    private final ActivePlugins plugins;
    private final Fence fence;
    private final Supplier<PlanCatalog> plans;
    private final Supplier<String> plansError;
    private final Supplier<PipelineSettings> settings;
    private final ToIntFunction<String> forwardPorts;
    private final WarmStart warm;

    StageWork(ActivePlugins plugins, Fence fence, Supplier<PlanCatalog> plans, Supplier<String> plansError,
            Supplier<PipelineSettings> settings, ToIntFunction<String> forwardPorts, PoolStore pool) {
        this.forwardPorts = forwardPorts;
        this.warm = new WarmStart(pool, fence, settings, forwardPorts);
        this.plugins = plugins;
        this.fence = fence;
        this.plans = plans;
        this.plansError = plansError;
        this.settings = settings;
    }

    /** Whether the plugin the stage needs is there now (otherwise the job waits). */
    boolean ready(Stage stage) {
        return switch (stage.needs()) {
            case PROVISIONER -> plugins.provisioner().isPresent();
            case SEALER -> plugins.sealer().isPresent();
            case ENGINE -> plugins.engine().isPresent();
            case NOTHING -> true;
        };
    }

    Outcome run(Job job) {
        try {
            return switch (job.stage()) {
                case RECEIVED -> createVm(job);
                case VM_CREATED -> seal(job);
                case CREDENTIALS_ENCRYPTED -> mint(job);
                case NFT_MINTED -> setOwner(job);
                case OWNER_SET -> Outcome.success(c -> {
                    // a VM the lifecycle suspended meanwhile (expired while provisioning) stays suspended
                    Sql.update(c, "UPDATE vms SET state = 'active' WHERE subscription_id = ? AND state = 'provisioning'",
                            job.subscriptionId());
                    return null;
                });
                case ACTIVE -> throw new IllegalStateException("nothing to do for an active subscription");
            };
        } catch (FenceException e) {
            return e.outage() ? Outcome.outage(e.getMessage()) : e.retryable() ? Outcome.retry(e.getMessage())
                    : Outcome.park(e.getMessage());
        } catch (IllegalArgumentException e) {
            return Outcome.park(job.stage().label() + ": " + e.getMessage());
        } catch (MissingPlugin e) {
            return Outcome.waitFor(e.getMessage());
        } catch (MadeElsewhere e) {
            return Outcome.later(e.getMessage(), ELSEWHERE_POLL_MS);
        }
    }

    private Outcome createVm(Job job) throws FenceException {
        Optional<PlanResources> resources = plans.get().resources(job.planId());
        if (resources.isEmpty()) {
            String why = plansError.get().isEmpty() ? "" : " (" + plansError.get() + ")";
            return Outcome.park("unknown plan " + job.planId() + ": add it to org.blockhost.core.plans" + why);
        }
        if (!AccessKey.isValidCompressed(job.accessKey())) {
            return Outcome.park("access key is not a valid compressed secp256k1 point (33 bytes, 02/03 and x on the curve):"
                    + " no VM was created; the buyer must register a valid key");
        }
        String name = VmSpec.nameFor(job.subscriptionId());
        if (PoolStore.NAME.matcher(name).matches()) {
            return Outcome.park("subscription " + job.subscriptionId() + " would get VM name " + name + ", which is in the"
                    + " warm pool's name range (blockhost-9NNNNNNNN: subscription ids 900000000 to 999999999): no VM was"
                    + " created; this host does not serve subscription ids in that range");
        }
        PluginHandle<org.blockhost.provisioner.api.Provisioner> p = need(plugins.provisioner(), "provisioner");
        String login = plugins.engine().isPresent() ? loginWallet(job) : job.subscriber();
        Optional<Outcome> warmStart = warm.serve(job, login, resources.get(), p);
        if (warmStart.isPresent()) {
            return warmStart.get();
        }
        PipelineSettings s = settings.get();
        VmSpec spec = new VmSpec(name, login, resources.get(), s.template(), s.guestUser(),
                name, NetworkAllocation.dynamic().withPublicPort(forwardPorts.applyAsInt(name)));
        VmInfo info = fence.call(p, "provisioner " + p.id() + " create " + name, () -> p.service().create(spec));
        if (!name.equals(info.name())) {
            return Outcome.retry("provisioner returned VM " + info.name() + " for " + name);
        }
        return Outcome.success(c -> {
            recordVm(c, job, name, info, p.id());
            return null;
        });
    }

    /**
     * In the stage commit: the subscription's VM row (with the provisioner that made it), its
     * addresses, and the purchase marked acted on.
     */
    static void recordVm(java.sql.Connection c, Job job, String name, VmInfo info, String provisioner)
            throws java.sql.SQLException {
        long now = System.currentTimeMillis();
        Sql.update(c, "INSERT OR IGNORE INTO vms (name, subscription_id, owner, state, provisioner, created_at, updated_at)"
                + " VALUES (?, ?, ?, 'provisioning', ?, ?, ?)", name, job.subscriptionId(), job.subscriber(), provisioner, now, now);
        Sql.update(c, "UPDATE vms SET address = ?, ssh_port = ?, updated_at = ? WHERE name = ?",
                info.address(), info.sshPort(), now, name);
        VmAllocations.recordIpv6(c, name, info.ipv6());
        Sql.update(c, "UPDATE chain_events SET acted = 1 WHERE event_key = ?", "created:" + job.subscriptionId());
    }

    /**
     * Seals the connection details once the guest finished its first boot, so they carry its SSH
     * host key (a provisioner that cannot tell is not waited for; after {@link #FIRST_BOOT_WAIT_MS}
     * the details are sealed without the key). The VM is marked ready in the same transaction.
     */
    private Outcome seal(Job job) throws FenceException {
        GuestReadiness ready = readiness(job);
        long waited = System.currentTimeMillis() - job.stageEnteredAt();
        if (ready.tracked() && !ready.ready() && waited < FIRST_BOOT_WAIT_MS) {
            return Outcome.later("waiting for the guest's first boot (" + waited / 1000 + " s so far)", BOOT_POLL_MS);
        }
        byte[] plaintext = Credentials.plaintext(job.vmName(), job.vmAddress(), job.sshPort(),
                new Credentials.Extras(ready.hostKey(), job.vmIpv6()), settings.get());
        var sealer = need(plugins.sealer(), "credential sealer");
        byte[] sealed = fence.call(sealer, "seal credentials of " + job.vmName(),
                () -> sealer.service().seal(job.accessKey(), plaintext));
        if (sealed == null || sealed.length == 0) {
            return Outcome.retry("credential sealer returned nothing");
        }
        return Outcome.success(c -> {
            Sql.update(c, "UPDATE pipeline SET sealed_credentials = ? WHERE subscription_id = ?", sealed, job.subscriptionId());
            ReadyMark.mark(c, job.vmName(), ready, System.currentTimeMillis());
            return null;
        });
    }

    /** The guest's readiness; a failed probe counts as "still booting", never against the retry budget. */
    private GuestReadiness readiness(Job job) {
        String name = job.vmName();
        PluginHandle<org.blockhost.provisioner.api.Provisioner> p = provisionerOf(job);
        try {
            GuestReadiness r = fence.call(p, "provisioner " + p.id() + " readiness " + name, () -> p.service().readiness(name));
            return r == null ? GuestReadiness.UNTRACKED : r;
        } catch (FenceException e) {
            return GuestReadiness.NOT_READY;
        }
    }

    private Outcome mint(Job job) throws FenceException {
        var engine = need(plugins.engine(), "engine");
        long token = fence.call(engine, "engine " + engine.id() + " mint for subscription " + job.subscriptionId(),
                () -> engine.service().credentials().mint(job.subscriptionId(), job.subscriber(), job.sealedCredentials()));
        return Outcome.success(c -> {
            Sql.update(c, "UPDATE vms SET token_id = ? WHERE subscription_id = ?", token, job.subscriptionId());
            return null;
        });
    }

    private Outcome setOwner(Job job) throws FenceException {
        var p = provisionerOf(job);
        OwnerBinding owner = new OwnerBinding(loginWallet(job), job.tokenId());
        fence.call(p, "provisioner " + p.id() + " set-owner " + job.vmName(), () -> {
            p.service().setOwner(job.vmName(), owner);
            return null;
        });
        return Outcome.success(c -> {
            Sql.update(c, "UPDATE vms SET owner_synced = 1 WHERE subscription_id = ? AND owner = ?",
                    job.subscriptionId(), job.subscriber());
            return null;
        });
    }

    /**
     * The wallet the subscriber logs in to the VM with (the engine's {@code loginWallet}; EVM: the subscriber).
     * A VM created while no engine is active takes the subscriber; set-owner rewrites it with the engine's answer.
     */
    private String loginWallet(Job job) throws FenceException {
        return LoginWallets.of(need(plugins.engine(), "engine"), fence, job.subscriber());
    }

    /** The provisioner that made the job's VM; a VM another provisioner made is never handed to the active one. */
    private PluginHandle<org.blockhost.provisioner.api.Provisioner> provisionerOf(Job job) {
        var active = need(plugins.provisioner(), "provisioner");
        if (plugins.provisionerFor(job.madeBy()).isEmpty()) {
            throw new MadeElsewhere("VM " + job.vmName() + " was made by provisioner " + job.madeBy() + ", which is not active"
                    + " (active: " + active.id() + "); it waits for " + job.madeBy() + " to return");
        }
        return active;
    }

    private static <T> PluginHandle<T> need(Optional<PluginHandle<T>> handle, String what) {
        return handle.orElseThrow(() -> new MissingPlugin("no active " + what));
    }

    /** The job's VM belongs to a provisioner that is not active: looked at again later, nothing counted. */
    private static final class MadeElsewhere extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MadeElsewhere(String message) {
            super(message);
        }
    }

    /** The plugin went away between dispatch and call: wait for it, it is not the stage's fault. */
    private static final class MissingPlugin extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingPlugin(String message) {
            super(message);
        }
    }
}
