package org.blockhost.installer.api;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Read and control access to the finalization runner (consoles, CLI). */
@ProviderType
public interface FinalizationStatus {

    /** The state of one step. */
    enum State { PENDING, RUNNING, DONE, FAILED }

    /** One step's status; {@code error} is empty unless failed. */
    record StepStatus(String id, String label, Phase phase, int order, State state, String error,
            Instant updated) {
    }

    /** All known steps in run order (registered steps plus persisted ones no longer registered). */
    List<StepStatus> steps();

    /** Whether every registered step is done. */
    boolean complete();
}
