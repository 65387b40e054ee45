package org.blockhost.core.internal.plans;

import java.util.Map;

import org.blockhost.console.api.HostProfile;
import org.blockhost.core.internal.pipeline.PipelineComponent;
import org.blockhost.provisioner.api.PlanResources;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/** {@link HostProfile} from the pipeline's {@code publicHost} and the plan catalog. */
@Component(service = HostProfile.class, configurationPid = PipelineComponent.PID)
public final class HostProfileService implements HostProfile {
    private final Plans plans;
    private volatile String publicHost;

    @Activate
    public HostProfileService(@Reference Plans plans, PipelineComponent.Config config) {
        this.plans = plans;
        modified(config);
    }

    @Modified
    void modified(PipelineComponent.Config config) {
        this.publicHost = config.publicHost();
    }

    @Override
    public String publicHost() {
        return publicHost;
    }

    @Override
    public Map<Long, PlanResources> planResources() {
        return plans.catalog().all();
    }
}
