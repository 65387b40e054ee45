package org.blockhost.installer.api;

import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The wizard's answers, shared by the wizard pages (which save what the operator entered) and
 * the finalization steps (which read them through {@link FinalizationContext#answer}). The
 * installer implements it; answers given with {@code blockhost setup --answers FILE} land here too.
 *
 * <p>Answers are configuration, never secrets: a key is referred to by the path of its key file.
 * Threading: thread-safe.
 */
@ProviderType
public interface WizardAnswers {

    /**
     * Answer naming the VM bridge made on the Network page ({@code br0}, {@code vmbr1}); the
     * installer owns it and writes it into the provisioner's network settings. Since 1.6.
     */
    String VM_BRIDGE = "network.vmBridge";

    /** The answers saved so far. */
    Map<String, String> answers();

    /**
     * Validates answers without saving them.
     *
     * @return the first problem, naming the field (see {@link #save}), or empty when all are valid
     */
    Optional<String> check(Map<String, String> answers);

    /**
     * Validates and saves answers, replacing earlier values of the same fields. Nothing is saved
     * when any entry is invalid.
     *
     * @throws SetupChangedException (an {@link IllegalArgumentException}) with the message of {@link #check}: a field
     *     no registered finalization step declares ({@link FinalizationStep#answerKeys}), an empty value, a value that is
     *     too long or contains control characters; or a running finalization step reads the field (since 1.7)
     */
    void save(Map<String, String> answers);
}
