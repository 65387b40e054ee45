package org.blockhost.installer.api;

import java.nio.file.Path;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a finalization step can see: the wizard's answers, values published by earlier steps, and
 * the runtime's directories. Published values are persisted with the runner's state.
 */
@ProviderType
public interface FinalizationContext {

    /** A wizard answer, if given. */
    Optional<String> answer(String key);

    /** A wizard answer that must be present. */
    default String requireAnswer(String key) throws StepException {
        return answer(key).orElseThrow(() -> new StepException("missing answer '" + key + "'"));
    }

    /** Publishes a non-secret value for later steps (for example a contract address). */
    void publish(String key, String value);

    /** A value published by an earlier step. */
    Optional<String> published(String key);

    /** The runtime's state directory. */
    Path stateDirectory();

    /** The runtime's configuration directory. */
    Path configDirectory();

    /** Whether the runtime runs in dev mode (one user-writable tree, no root agent daemon). */
    boolean devMode();
}
