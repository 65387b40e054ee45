package org.blockhost.console.api;

import org.osgi.annotation.versioning.ProviderType;

/** The operator's hand on the subscription pipeline (CLI {@code pipeline retry}, admin console). */
@ProviderType
public interface PipelineControl {

    /**
     * Puts a parked subscription back into the pipeline at its stage with a fresh retry budget;
     * audited with the actor.
     *
     * @return false when the subscription is not parked
     */
    boolean retry(long subscriptionId, String actor);
}
