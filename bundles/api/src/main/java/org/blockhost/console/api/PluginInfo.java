package org.blockhost.console.api;

import java.util.List;
import java.util.Objects;

/**
 * One engine or provisioner plugin.
 *
 * @param kind engine or provisioner
 * @param id the plugin id from its {@code EngineId} / {@code ProvisionerId} property
 * @param bundleSymbolicName its bundle
 * @param bundleVersion the bundle's version
 * @param bundleId the framework's bundle id
 * @param state active, inactive (installed but not providing its service) or failed
 * @param services the service interfaces the plugin's bundle registers now
 * @param failure why it failed (empty unless failed)
 */
public record PluginInfo(Kind kind, String id, String bundleSymbolicName, String bundleVersion, long bundleId,
        State state, List<String> services, String failure) {

    /** What the plugin provides. */
    public enum Kind { ENGINE, PROVISIONER }

    /** Plugin state. */
    public enum State { ACTIVE, INACTIVE, FAILED }

    public PluginInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        services = List.copyOf(services);
        failure = failure == null ? "" : failure;
    }
}
