package org.blockhost.console.api;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Read access to the subscription pipeline. */
@ProviderType
public interface PipelineStatus {

    /** One subscription's position in the pipeline; {@code parkedReason} is empty unless parked. */
    record Entry(long subscriptionId, String stage, int attempts, String parkedReason, Instant updated) {
    }

    /** All subscriptions not yet active, plus parked ones, ordered by subscription id. */
    List<Entry> entries();
}
