package org.blockhost.core.internal.operator;

import java.util.Objects;

import org.blockhost.console.api.VmOperations;
import org.blockhost.core.internal.lifecycle.LifecycleComponent;
import org.blockhost.core.internal.lifecycle.OperatorActions;
import org.blockhost.core.internal.store.VmRegistryService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link VmOperations}: the operator's actions, shared by the CLI's {@code vm ...} commands and the
 * admin console. Refusals by core's rules become {@link VmOperations.RefusedException}.
 */
@Component(service = {VmOperations.class, OperatorService.class})
public final class OperatorService implements VmOperations {
    private final LifecycleComponent lifecycle;
    private final VmRegistryService registry;

    @Activate
    public OperatorService(@Reference LifecycleComponent lifecycle, @Reference VmRegistryService registry) {
        this.lifecycle = lifecycle;
        this.registry = registry;
    }

    @Override
    public String perform(Request r) {
        Objects.requireNonNull(r, "request");
        Objects.requireNonNull(r.action(), "action");
        if (r.name() == null || r.actor() == null || r.actor().isBlank()) {
            throw new RefusedException("a VM name and an actor are required");
        }
        try {
            return run(r, lifecycle.operator());
        } catch (IllegalArgumentException e) {
            throw new RefusedException(e.getMessage());
        }
    }

    private String run(Request r, OperatorActions op) {
        String name = r.name();
        return switch (r.action()) {
            case START -> op.start(name, r.actor());
            case STOP -> op.stop(name, r.actor());
            case SUSPEND -> op.suspend(name, r.forcePaid(), r.actor());
            case RESUME -> op.resume(name, r.actor());
            case DESTROY -> op.destroy(name, r.confirmed(), r.forcePaid(), r.actor());
            case HOLD, RELEASE -> hold(name, r.action() == Action.HOLD, r.actor());
        };
    }

    private String hold(String name, boolean hold, String actor) {
        if (!registry.vms().hold(name, hold, actor, System.currentTimeMillis())) {
            throw new IllegalArgumentException("no VM named " + name);
        }
        return name + (hold ? " held: it will not be destroyed until released" : " released");
    }
}
