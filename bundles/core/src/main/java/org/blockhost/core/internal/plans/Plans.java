package org.blockhost.core.internal.plans;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured plan catalog ({@value #PID}). An invalid configuration keeps no plans at all
 * (every new subscription parks with the parse error as reason) rather than guessing.
 */
@Component(service = Plans.class, configurationPid = Plans.PID)
@Designate(ocd = Plans.Config.class)
public final class Plans {
    public static final String PID = "org.blockhost.core.plans";
    private static final Logger LOG = LoggerFactory.getLogger(Plans.class);

    @ObjectClassDefinition(name = "BlockHost plans", description = "On-chain plan id to VM resources")
    public @interface Config {
        @AttributeDefinition(name = "Plans", description = "Entries planId:vcpus:memoryMiB:diskGiB, e.g. 1:1:1024:10")
        String[] plans() default {};
    }

    private volatile PlanCatalog catalog = PlanCatalog.empty();
    private volatile String error = "";

    @Activate
    public Plans(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        try {
            catalog = PlanCatalog.parse(config.plans());
            error = "";
            LOG.info("plans configured: {}", catalog.all().keySet());
        } catch (IllegalArgumentException e) {
            catalog = PlanCatalog.empty();
            error = e.getMessage();
            LOG.error("{} configuration rejected: {}", PID, error);
        }
    }

    public PlanCatalog catalog() {
        return catalog;
    }

    /** The last configuration error, empty when the configuration is valid. */
    public String error() {
        return error;
    }
}
