package org.blockhost.installer.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one way a host is set up, used by the wizard pages, {@code blockhost setup --answers} and
 * {@code blockhost dev}: validate answers (the same checks everywhere), save them, and run the
 * finalization steps phase by phase. The installer implements it.
 *
 * <p>In dev mode an answer {@link #DEV_ADMIN_KEY_FILE} names the dev admin wallet's key file: once
 * the engine can say what the admin must sign ({@link AdminAccessKey}), the service signs it and
 * answers the admin access key itself, so one run sets up the whole host. Threading: thread-safe;
 * runs are serialised.
 */
@ProviderType
public interface SetupService {

    /** Answer key (dev mode only): path of the dev admin wallet's key file. */
    String DEV_ADMIN_KEY_FILE = "dev.adminKeyFile";

    /**
     * Answer key (owned by the installer's Network page): the public host name or IP address buyers
     * connect to. The installer writes it to every configuration that names the host; an engine
     * reads it for what the admin signs. Dev mode falls back to {@code localhost}.
     */
    String PUBLIC_HOST = "network.publicHost";

    /** Outcome of a run: whether setup is complete, else the failed step and its safe message. */
    record Result(boolean complete, String failedStep, String error) {
    }

    /**
     * Why each answer is invalid, by field (empty when all are valid). Uses the same checks for
     * the pages and the answers file: field names, values, and the declaring steps' own checks
     * ({@link FinalizationStep#problem}).
     */
    Map<String, String> problems(Map<String, String> answers);

    /**
     * A message of {@link #problems} or of a refused {@link #save} without the internal field name it starts with
     * ({@code field 'network.publicHost': must be …} → {@code must be …}), for a page that shows it at its own field;
     * a message without that start is returned as it is, one that is nothing else becomes empty. Since 1.8.
     */
    static String withoutField(String message) {
        return message.replaceFirst("^field '[^']*'(: )?\\s*", "");
    }

    /**
     * Validates and saves; nothing is saved when any answer is invalid or a running finalization step reads it
     * ({@link SetupChangedException}, an IllegalArgumentException, since 1.7: the installer answers it for every page).
     */
    void save(Map<String, String> answers);

    /**
     * Like {@link #save(Map)}, and in the same write forgets the answers named in {@code removed}
     * (e.g. an access key that belonged to the admin wallet just replaced). Since 1.5.
     */
    void save(Map<String, String> answers, Set<String> removed);

    /** The answers saved so far. */
    Map<String, String> answers();

    /** Non-secret values published by steps (contract addresses, host wallet). */
    Map<String, String> published();

    /** Runs every step not yet done, in phase order; stops at the first failure. */
    Result run();

    /** Runs again from the failed step {@code stepId} (IllegalArgumentException when unknown). */
    Result retry(String stepId);

    /** Whether a run is going on now. */
    boolean running();

    /** What the admin wallet must sign, when the active engine needs an admin access key. */
    Optional<AccessKeyRequest> accessKeyRequest();
}
