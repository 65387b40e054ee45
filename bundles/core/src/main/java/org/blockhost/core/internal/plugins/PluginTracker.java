package org.blockhost.core.internal.plugins;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.blockhost.console.api.PluginInfo;
import org.blockhost.console.api.PluginStatus;
import org.blockhost.engine.api.Engine;
import org.blockhost.provisioner.api.Provisioner;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows every engine and provisioner plugin from the component runtime's descriptions, so a
 * plugin whose component fails to activate is still listed (as failed, with SCR's reason).
 * Failures reported by fenced calls stick to the bundle until it is updated or reinstalled.
 */
@Component(service = PluginStatus.class)
public final class PluginTracker implements PluginStatus, BundleListener {
    private static final Logger LOG = LoggerFactory.getLogger(PluginTracker.class);

    private final ServiceComponentRuntime scr;
    private final BundleContext context;
    private final Map<Long, String> reported = new ConcurrentHashMap<>();

    @Activate
    public PluginTracker(@Reference ServiceComponentRuntime scr, BundleContext context) {
        this.scr = scr;
        this.context = context;
        context.addBundleListener(this);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
    }

    /*
     * Binding the plugin services makes SCR activate their components; an activation that throws
     * then shows up as a failed component configuration, which plugins() reports.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEngine(Engine engine) {
        LOG.info("engine '{}' available", PluginFence.safeId(engine::id));
    }

    void unbindEngine(Engine engine) {
        LOG.info("engine service removed");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindProvisioner(Provisioner provisioner) {
        LOG.info("provisioner '{}' available", PluginFence.safeId(provisioner::id));
    }

    void unbindProvisioner(Provisioner provisioner) {
        LOG.info("provisioner service removed");
    }

    @Override
    public List<PluginInfo> plugins() {
        List<PluginInfo> out = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            PluginInfo.Kind kind = PluginDescriptions.kindOf(description);
            Bundle bundle = kind == null ? null : context.getBundle(description.bundle.id);
            if (bundle != null) {
                out.add(describe(kind, description, bundle));
            }
        }
        out.sort(Comparator.comparing(PluginInfo::kind).thenComparing(PluginInfo::id));
        return List.copyOf(out);
    }

    private PluginInfo describe(PluginInfo.Kind kind, ComponentDescriptionDTO description, Bundle bundle) {
        String failure = reported.get(bundle.getBundleId());
        PluginInfo.State state;
        if (failure != null) {
            state = PluginInfo.State.FAILED;
        } else {
            failure = PluginDescriptions.activationFailure(scr, description);
            state = failure != null ? PluginInfo.State.FAILED
                    : PluginDescriptions.isActive(scr, description, bundle)
                            ? PluginInfo.State.ACTIVE : PluginInfo.State.INACTIVE;
        }
        return new PluginInfo(kind, PluginDescriptions.idOf(kind, description), bundle.getSymbolicName(),
                bundle.getVersion().toString(), bundle.getBundleId(), state,
                PluginDescriptions.registeredServices(bundle), failure);
    }

    @Override
    public void reportFailure(long bundleId, String where, Throwable cause) {
        String reason = where + ": " + PluginFence.describe(cause);
        reported.put(bundleId, reason);
        LOG.warn("plugin bundle {} marked failed: {}", bundleId, reason, cause);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        int type = event.getType();
        if (type == BundleEvent.UPDATED || type == BundleEvent.UNINSTALLED || type == BundleEvent.INSTALLED) {
            if (reported.remove(event.getBundle().getBundleId()) != null) {
                LOG.info("failure of bundle {} cleared ({})", event.getBundle().getSymbolicName(), type);
            }
        }
    }
}
