package org.blockhost.platform.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The runtime's audit trail (core keeps it in the store's {@code audit_log}). Callers never pass
 * secret values: redact them before recording.
 */
@ProviderType
public interface AuditTrail {

    /**
     * Appends one entry, durably, before returning.
     *
     * @param actor who acted, for example {@code uid=1001(alice)}
     * @param subject what was acted on, for example the command {@code wallet}
     * @param action what happened, for example {@code cli.run} or {@code cli.refused}
     * @param detail free text without secrets, for example the redacted arguments
     * @throws IllegalStateException when the entry cannot be written
     */
    void record(String actor, String subject, String action, String detail);
}
