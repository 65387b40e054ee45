package org.blockhost.core.internal.active;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.blockhost.engine.api.CredentialSealer;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.EngineId;
import org.blockhost.provisioner.api.Provisioner;
import org.blockhost.provisioner.api.ProvisionerId;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The engine, provisioner and credential sealer core uses right now: whichever was bound first
 * among those registered (one of each is expected). Empty when none is there: work that needs it
 * waits, it does not fail. The engine in use is published as the {@link org.blockhost.engine.api.ActiveEngine}
 * service (with its id), which the engines' public pages require.
 */
@Component(service = ActivePlugins.class)
public final class ActivePlugins {
    private final CopyOnWriteArrayList<PluginHandle<Engine>> engines = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<PluginHandle<Provisioner>> provisioners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<PluginHandle<CredentialSealer>> sealers = new CopyOnWriteArrayList<>();
    private volatile Runnable onChange = () -> { };
    private final ActiveEngineMarker marker = new ActiveEngineMarker();

    @Activate
    void activate(BundleContext context) {
        marker.open(context);
        marker.show(engine().map(PluginHandle::id));
    }

    @Deactivate
    void deactivate() {
        marker.close();
    }

    public Optional<PluginHandle<Engine>> engine() {
        return first(engines);
    }

    public Optional<PluginHandle<Provisioner>> provisioner() {
        return first(provisioners);
    }

    /**
     * The active provisioner if it is the one that made a VM: {@code madeBy} is the id recorded with
     * the VM ({@code ""} for a VM made before core recorded it, which belongs to the active one).
     * Empty when another provisioner made it: core then leaves that VM alone (it is never handed to
     * the active provisioner, which does not know it).
     */
    public Optional<PluginHandle<Provisioner>> provisionerFor(String madeBy) {
        return provisioner().filter(p -> madeBy == null || madeBy.isEmpty() || madeBy.equals(p.id()));
    }

    /** The active provisioner's id, {@code ""} when none is active (then only VMs of unknown origin match it). */
    public String provisionerId() {
        return provisioner().map(PluginHandle::id).orElse("");
    }

    public Optional<PluginHandle<CredentialSealer>> sealer() {
        return first(sealers);
    }

    /** Called after every bind (the pipeline wakes up to use a new plugin). */
    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindEngine(Engine engine, Map<String, Object> props) {
        engines.add(handle(engine, props, EngineId.PROPERTY));
        marker.show(engine().map(PluginHandle::id));
        onChange.run();
    }

    public void unbindEngine(Engine engine) {
        engines.removeIf(h -> h.service() == engine);
        marker.show(engine().map(PluginHandle::id));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindProvisioner(Provisioner provisioner, Map<String, Object> props) {
        provisioners.add(handle(provisioner, props, ProvisionerId.PROPERTY));
        onChange.run();
    }

    public void unbindProvisioner(Provisioner provisioner) {
        provisioners.removeIf(h -> h.service() == provisioner);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindSealer(CredentialSealer sealer, Map<String, Object> props) {
        sealers.add(handle(sealer, props, Constants.SERVICE_PID));
        onChange.run();
    }

    public void unbindSealer(CredentialSealer sealer) {
        sealers.removeIf(h -> h.service() == sealer);
    }

    private static <T> PluginHandle<T> handle(T service, Map<String, Object> props, String idProperty) {
        Object bundle = props.get("service.bundleid");
        Object id = props.get(idProperty);
        return new PluginHandle<>(service, bundle instanceof Number n ? n.longValue() : -1,
                id == null ? service.getClass().getSimpleName() : String.valueOf(id));
    }

    private static <T> Optional<T> first(CopyOnWriteArrayList<T> list) {
        return list.stream().findFirst();
    }
}
