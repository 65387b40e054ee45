package org.blockhost.web.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The setup surface's gate: the setup code and whether {@code /setup} is served. The surface is
 * open while setup is not complete, or after {@link #reopen()} until {@link #close()} or a restart.
 * Only a hash of the code is kept.
 */
@ProviderType
public interface SetupGate {

    /**
     * Issues a new setup code (the previous one stops working) and returns it. For the operator's
     * console only (CLI, first start); never over HTTP.
     *
     * @throws IllegalStateException when the setup surface is closed
     */
    String newCode();

    /** Whether {@code /setup} is served now. */
    boolean open();

    /** Serves {@code /setup} again after setup completed and returns a new code. */
    String reopen();

    /** Stops serving {@code /setup} when setup is complete (ends a {@link #reopen()}). */
    void close();
}
