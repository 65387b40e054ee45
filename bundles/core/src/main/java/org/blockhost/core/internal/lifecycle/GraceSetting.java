package org.blockhost.core.internal.lifecycle;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.blockhost.console.api.HostSettings;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grace period as an operator setting: read from and written to the lifecycle's configuration
 * ({@value LifecycleComponent#PID} {@code gracePeriodDays}), which Config Admin applies live and
 * FileInstall keeps in its {@code .cfg} file. Checked with {@link GracePeriod}'s rules first.
 */
@Component(service = HostSettings.class)
public final class GraceSetting implements HostSettings {
    static final String PROPERTY = "gracePeriodDays";
    private static final Logger LOG = LoggerFactory.getLogger(GraceSetting.class);
    private final ConfigurationAdmin cm;

    @Activate
    public GraceSetting(@Reference ConfigurationAdmin cm) {
        this.cm = cm;
    }

    @Override
    public double gracePeriodDays() {
        try {
            Object value = properties(cm.getConfiguration(LifecycleComponent.PID, "?")).get(PROPERTY);
            return value == null ? GracePeriod.DEFAULT_DAYS : Double.parseDouble(value.toString().trim());
        } catch (IOException | NumberFormatException e) {
            LOG.warn("grace period: cannot read {}: {}", LifecycleComponent.PID, e.toString());
            return GracePeriod.DEFAULT_DAYS;
        }
    }

    @Override
    public void gracePeriodDays(double days) {
        if (!Double.isFinite(days) || days < 0 || days > GracePeriod.MAX_DAYS) {
            throw new IllegalArgumentException("The grace period is a number of days from 0 to "
                    + (long) GracePeriod.MAX_DAYS + " (fractions allowed, 0.5 = 12 hours).");
        }
        try {
            Configuration c = cm.getConfiguration(LifecycleComponent.PID, "?");
            Dictionary<String, Object> d = properties(c);
            d.put(PROPERTY, days);
            c.updateIfDifferent(d);
            LOG.info("grace period set to {} days", days);
        } catch (IOException e) {
            LOG.error("grace period: cannot write {}: {}", LifecycleComponent.PID, e.toString());
            throw new IllegalStateException("The setting could not be saved; nothing changed.");
        }
    }

    private static Dictionary<String, Object> properties(Configuration c) {
        Dictionary<String, Object> d = c.getProperties();
        return d == null ? new Hashtable<>() : d;
    }
}
