package org.blockhost.core.internal.pipeline;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.active.PluginHandle;
import org.blockhost.core.internal.pool.PoolStore;
import org.blockhost.provisioner.api.NetworkAllocation;
import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.Provisioner;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a purchase from the warm pool: claim a ready VM of the plan (or the one this purchase
 * claimed before a crash), make it the buyer's through {@link Provisioner#assign}, and record it as
 * the subscription's VM in the stage commit. A VM the provisioner cannot assign (gone, unsupported)
 * is destroyed and dropped, and the purchase takes the cold path in the same attempt.
 */
final class WarmStart {
    private static final Logger LOG = LoggerFactory.getLogger(WarmStart.class);
    private final PoolStore pool;
    private final Fence fence;
    private final Supplier<PipelineSettings> settings;
    private final ToIntFunction<String> forwardPorts;

    WarmStart(PoolStore pool, Fence fence, Supplier<PipelineSettings> settings, ToIntFunction<String> forwardPorts) {
        this.pool = pool;
        this.fence = fence;
        this.settings = settings;
        this.forwardPorts = forwardPorts;
    }

    /** The stage outcome of a warm start, or empty for the cold path; {@code loginWallet} goes into the guest. */
    Optional<Outcome> serve(Job job, String loginWallet, PlanResources resources, PluginHandle<Provisioner> p) throws FenceException {
        Optional<PoolStore.PoolVm> claimed = pool.claim(job.subscriptionId(), job.planId(), p.id(),
                System.currentTimeMillis());
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        String name = claimed.get().name();
        PipelineSettings s = settings.get();
        VmSpec buyer = new VmSpec(name, loginWallet, resources, s.template(), s.guestUser(),
                VmSpec.nameFor(job.subscriptionId()), NetworkAllocation.dynamic().withPublicPort(forwardPorts.applyAsInt(name)));
        VmInfo info;
        try {
            info = fence.call(p, "provisioner " + p.id() + " assign " + name, () -> p.service().assign(buyer));
        } catch (FenceException e) {
            if (e.outage() || e.retryable()) {
                throw e; // the claim stays: the retry resumes this assignment
            }
            drop(p, name, e.getMessage());
            return Optional.empty();
        }
        if (!name.equals(info.name())) {
            return Optional.of(Outcome.retry("provisioner assigned VM " + info.name() + " for " + name));
        }
        LOG.info("subscription {} served from the warm pool by {}", job.subscriptionId(), name);
        return Optional.of(Outcome.success(c -> {
            StageWork.recordVm(c, job, name, info, p.id());
            PoolStore.complete(c, name, job.subscriptionId(), System.currentTimeMillis());
            return null;
        }));
    }

    private void drop(PluginHandle<Provisioner> p, String name, String why) {
        LOG.warn("pool VM {} cannot be assigned ({}): destroyed, the purchase takes the cold path", name, why);
        try {
            fence.call(p, "provisioner " + p.id() + " destroy " + name, () -> {
                p.service().destroy(name);
                return null;
            });
        } catch (FenceException e) {
            LOG.warn("destroying pool VM {} failed: {} (the pool sweeps it later)", name, e.getMessage());
        }
        pool.discard(name, "not assignable: " + why, System.currentTimeMillis());
    }
}
