package org.blockhost.core.internal.operator;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.blockhost.console.api.ChainStatus;
import org.blockhost.core.internal.lifecycle.LifecycleComponent;
import org.blockhost.core.internal.store.VmRegistryService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link ChainStatus}: the committed watcher cursors and the heads the lifecycle read last. */
@Component(service = ChainStatus.class)
public final class ChainStatusService implements ChainStatus {
    private final LifecycleComponent lifecycle;
    private final VmRegistryService registry;

    @Activate
    public ChainStatusService(@Reference LifecycleComponent lifecycle, @Reference VmRegistryService registry) {
        this.lifecycle = lifecycle;
        this.registry = registry;
    }

    @Override
    public List<Position> positions() {
        Map<String, Long> heads = lifecycle.lifecycle().heads();
        return registry.vms().cursors().entrySet().stream().map(e -> {
            Long head = heads.get(e.getKey());
            return new Position(e.getKey(), e.getValue(), head == null ? OptionalLong.empty() : OptionalLong.of(head));
        }).toList();
    }
}
