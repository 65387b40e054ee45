package org.blockhost.core.internal.pool;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.blockhost.core.internal.active.ActivePlugins;
import org.blockhost.core.internal.active.Fence;
import org.blockhost.core.internal.active.FenceException;
import org.blockhost.core.internal.active.PluginHandle;
import org.blockhost.core.internal.pipeline.PipelineSettings;
import org.blockhost.core.internal.plans.PlanCatalog;
import org.blockhost.provisioner.api.Capacity;
import org.blockhost.provisioner.api.GuestReadiness;
import org.blockhost.provisioner.api.NetworkAllocation;
import org.blockhost.provisioner.api.PlanResources;
import org.blockhost.provisioner.api.Provisioner;
import org.blockhost.provisioner.api.VmInfo;
import org.blockhost.provisioner.api.VmSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the warm pool: claims of vanished purchases back to ready, pool VMs the store does
 * not know destroyed, filling VMs created (idempotent by name) and marked ready once their guest
 * finished its first boot, surplus ready VMs destroyed, and new VMs added up to each plan's size:
 * only while no purchase waits for a VM and only while the host's capacity fits one more, so the
 * pool never takes what a paying purchase needs. Only for a provisioner that can assign pool VMs,
 * and only with the pool VMs that provisioner made: those of another (swapped out) provisioner are
 * reported and left alone until it is back. Unassigned VMs of another template or an earlier build
 * of it ({@link Provisioner#templateBuild}) are destroyed and the pool refilled from the current one.
 */
public final class PoolFiller {
    private static final Logger LOG = LoggerFactory.getLogger(PoolFiller.class);
    private final PoolStore pool;
    private final ActivePlugins plugins;
    private final Fence fence;
    private final Supplier<PlanCatalog> plans;
    private final Supplier<PipelineSettings> pipeline;
    private volatile boolean swept;
    private final java.util.Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public PoolFiller(PoolStore pool, ActivePlugins plugins, Fence fence, Supplier<PlanCatalog> plans,
            Supplier<PipelineSettings> pipeline) {
        this.pool = pool;
        this.plugins = plugins;
        this.fence = fence;
        this.plans = plans;
        this.pipeline = pipeline;
    }

    /** One pass with these sizes; plugin failures are logged and retried next pass. */
    public void pass(PoolSizes sizes) {
        Optional<PluginHandle<Provisioner>> p = plugins.provisioner();
        long now = System.currentTimeMillis();
        int released = pool.releaseOrphanedClaims(now);
        if (released > 0) {
            LOG.info("{} pool VM(s) claimed by purchases that are gone are ready again", released);
        }
        if (p.isEmpty() || !assigns(p.get())) {
            return;
        }
        try {
            sweep(p.get());
            reportElsewhere(p.get().id());
            PoolStore.Origin origin = origin(p.get());
            drainStale(p.get(), origin);
            for (Map.Entry<Long, PlanResources> plan : plans.get().all().entrySet()) {
                trim(p.get(), plan.getKey(), sizes.of(plan.getKey()));
                fill(p.get(), plan.getKey(), plan.getValue(), sizes.of(plan.getKey()), origin);
            }
            for (PoolStore.PoolVm vm : pool.unassignedOf(p.get().id())) {
                if (PoolStore.FILLING.equals(vm.state())) {
                    boot(p.get(), vm);
                }
            }
        } catch (FenceException e) {
            LOG.warn("warm pool: {} (next pass retries)", e.getMessage());
        }
    }

    private boolean assigns(PluginHandle<Provisioner> p) {
        try {
            return fence.call(p, "provisioner " + p.id() + " assignsPoolVms", () -> p.service().assignsPoolVms());
        } catch (FenceException e) {
            return false;
        }
    }

    /** The template new pool VMs boot now, with its current build as the provisioner reports it. */
    private PoolStore.Origin origin(PluginHandle<Provisioner> p) throws FenceException {
        String template = pipeline.get().template();
        String build = fence.call(p, "provisioner " + p.id() + " template build " + template,
                () -> p.service().templateBuild(template));
        return new PoolStore.Origin(p.id(), template, build == null ? "" : build);
    }

    /** Unassigned VMs of another template or an earlier build: destroyed (row first), the fill replaces them. */
    private void drainStale(PluginHandle<Provisioner> p, PoolStore.Origin now) throws FenceException {
        for (PoolStore.PoolVm vm : pool.unassignedOf(p.id())) {
            boolean otherTemplate = !vm.template().isEmpty() && !vm.template().equals(now.template());
            boolean oldBuild = !now.templateBuild().isEmpty() && !vm.templateBuild().equals(now.templateBuild());
            if ((otherTemplate || oldBuild) && pool.remove(vm.name())) {
                LOG.info("pool VM {} was made from an earlier template ({} {}): destroyed, the pool refills from {} {}",
                        vm.name(), vm.template(), vm.templateBuild(), now.template(), now.templateBuild());
                destroy(p, vm.name());
            }
        }
    }

    /** Pool VMs another provisioner made: logged once each, never handed to this one; they wait for theirs. */
    private void reportElsewhere(String active) {
        for (PoolStore.PoolVm vm : pool.unassigned()) {
            if (!vm.provisioner().isEmpty() && !vm.provisioner().equals(active) && reported.add(vm.name())) {
                LOG.warn("pool VM {} was made by provisioner {}, which is not active: left alone until it is back",
                        vm.name(), vm.provisioner());
            }
        }
    }

    /** Once per run: pool-named VMs on the hypervisor without a row (a crash between row delete and destroy). */
    private void sweep(PluginHandle<Provisioner> p) throws FenceException {
        if (swept) {
            return;
        }
        for (VmInfo vm : fence.call(p, "provisioner " + p.id() + " list", () -> p.service().list())) {
            if (PoolStore.NAME.matcher(vm.name()).matches() && !pool.known(vm.name())) {
                LOG.info("destroying pool VM {}: not in the store", vm.name());
                destroy(p, vm.name());
            }
        }
        swept = true;
    }

    private void boot(PluginHandle<Provisioner> p, PoolStore.PoolVm vm) throws FenceException {
        Optional<PlanResources> r = plans.get().resources(vm.planId());
        if (r.isEmpty()) {
            return;
        }
        VmInfo info = create(p, vm.name(), r.get());
        GuestReadiness g = fence.call(p, "provisioner " + p.id() + " readiness " + vm.name(),
                () -> p.service().readiness(vm.name()));
        if (g == null || !g.tracked() || g.ready()) {
            pool.markReady(vm.name(), info, System.currentTimeMillis());
            LOG.info("pool VM {} for plan {} is ready", vm.name(), vm.planId());
        }
    }

    private VmInfo create(PluginHandle<Provisioner> p, String name, PlanResources r) throws FenceException {
        PipelineSettings s = pipeline.get();
        VmSpec spec = new VmSpec(name, "", r, s.template(), s.guestUser(), name, NetworkAllocation.dynamic());
        VmInfo info = fence.call(p, "provisioner " + p.id() + " create " + name, () -> p.service().create(spec));
        return info;
    }

    private void trim(PluginHandle<Provisioner> p, long planId, int size) throws FenceException {
        var mine = pool.unassignedOf(p.id()).stream().filter(v -> v.planId() == planId && !PoolStore.ASSIGNING.equals(v.state()))
                .toList();
        for (int i = mine.size() - 1; i >= size; i--) {
            String name = mine.get(i).name();
            if (pool.remove(name)) {
                LOG.info("pool of plan {} above its size {}: destroying {}", planId, size, name);
                destroy(p, name);
            }
        }
    }

    private void fill(PluginHandle<Provisioner> p, long planId, PlanResources r, int size, PoolStore.Origin origin)
            throws FenceException {
        long have = pool.unassignedOf(p.id()).stream()
                .filter(v -> v.planId() == planId && !PoolStore.ASSIGNING.equals(v.state())).count();
        for (long n = have; n < size; n++) {
            if (pool.waitingPurchases() > 0) {
                return;
            }
            Capacity cap = fence.call(p, "provisioner " + p.id() + " capacity", () -> p.service().capacity());
            if (cap == null || !cap.fits(r)) {
                LOG.debug("pool of plan {}: no capacity for another VM", planId);
                return;
            }
            String name = pool.addFilling(planId, origin, System.currentTimeMillis());
            create(p, name, r);
        }
    }

    private void destroy(PluginHandle<Provisioner> p, String name) throws FenceException {
        fence.call(p, "provisioner " + p.id() + " destroy " + name, () -> {
            p.service().destroy(name);
            return null;
        });
    }
}
