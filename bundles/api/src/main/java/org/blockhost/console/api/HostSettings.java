package org.blockhost.console.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Core's settings an operator changes from the admin console: today the grace period (days a lapsed
 * VM stays suspended before it is destroyed). Changes are written to core's configuration, so they
 * apply live and survive a restart.
 */
@ProviderType
public interface HostSettings {

    /** The grace period in days (fractions allowed). */
    double gracePeriodDays();

    /**
     * Sets the grace period.
     *
     * @throws IllegalArgumentException not a number from 0 to 3650; the message says so, nothing changed
     * @throws IllegalStateException the configuration could not be written; nothing changed
     */
    void gracePeriodDays(double days);
}
