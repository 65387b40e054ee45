package org.blockhost.console.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Read access to the VMs core knows about. */
@ProviderType
public interface VmRegistry {

    /** A VM as recorded in core's store. */
    record VmRecord(String name, long subscriptionId, String owner, Optional<Long> tokenId, String state,
            Instant expiresAt, boolean held) {
    }

    /** All VMs, ordered by name. */
    List<VmRecord> list();

    /** One VM by name. */
    Optional<VmRecord> find(String name);
}
