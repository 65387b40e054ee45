package org.blockhost.core.internal.active;

/** A bound plugin service with the bundle that registered it (for failure attribution). */
public record PluginHandle<T>(T service, long bundleId, String id) {
}
