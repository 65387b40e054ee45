package org.blockhost.core.internal.active;

import java.util.Hashtable;
import java.util.Optional;

import org.blockhost.engine.api.ActiveEngine;
import org.blockhost.engine.api.EngineId;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Keeps one {@link ActiveEngine} service registered for the engine {@link ActivePlugins} uses, with its id as
 * {@value EngineId#PROPERTY}; none while there is no engine or no bundle context (before activation, after
 * deactivation). Withdrawn before the next one is registered, so two engines' public pages never overlap.
 */
final class ActiveEngineMarker {
    private BundleContext context;
    private ServiceRegistration<ActiveEngine> registration;
    private String shown;

    synchronized void open(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    /** Registers the marker for {@code engineId}, withdrawing the one of another engine first. */
    synchronized void show(Optional<String> engineId) {
        String wanted = context == null ? null : engineId.orElse(null);
        if (wanted == null ? shown == null : wanted.equals(shown)) {
            return;
        }
        withdraw();
        if (wanted != null) {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(EngineId.PROPERTY, wanted);
            registration = context.registerService(ActiveEngine.class, () -> wanted, props);
            shown = wanted;
        }
    }

    synchronized void close() {
        withdraw();
        context = null;
    }

    private void withdraw() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping: the framework unregistered it
            }
        }
        registration = null;
        shown = null;
    }
}
