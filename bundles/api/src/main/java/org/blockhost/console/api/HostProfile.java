package org.blockhost.console.api;

import java.util.Map;

import org.blockhost.provisioner.api.PlanResources;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What this host publicly offers, for the public pages: the host name buyers connect to (also the
 * {@code Host:} line of the access-key message) and the resources each on-chain plan id gets.
 * Nothing secret.
 */
@ProviderType
public interface HostProfile {

    /** The host name the operator set (core's pipeline {@code publicHost}; {@code localhost} in dev mode). */
    String publicHost();

    /** Resources per on-chain plan id, as configured; empty when the configuration is invalid. */
    Map<Long, PlanResources> planResources();
}
