package org.blockhost.core.internal.store;

import java.util.List;
import java.util.Optional;

import org.blockhost.console.api.VmRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@link VmRegistry} read service, plus store access for core's own commands. */
@Component(service = {VmRegistry.class, VmRegistryService.class})
public final class VmRegistryService implements VmRegistry {
    private final VmStore vms;
    private final CoreStore store;

    @Activate
    public VmRegistryService(@Reference CoreStore store) {
        this.store = store;
        this.vms = new VmStore(store.db());
    }

    @Override
    public List<VmRecord> list() {
        return vms.list();
    }

    @Override
    public Optional<VmRecord> find(String name) {
        return vms.find(name);
    }

    public VmStore vms() {
        return vms;
    }

    public Database db() {
        return store.db();
    }
}
