package org.blockhost.console.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Read access to the VMs core knows about. */
@ProviderType
public interface VmRegistry {

    /**
     * A VM as recorded in core's store.
     *
     * @param planId the subscription's on-chain plan id (0 from the older constructor: unknown)
     * @param readyAt when the guest reported that its first boot finished (ready for login), empty before
     * @param provisioner id of the provisioner that made the VM ({@code ""}: made before core recorded it)
     */
    record VmRecord(String name, long subscriptionId, String owner, Optional<Long> tokenId, String state,
            Instant expiresAt, boolean held, long planId, Optional<Instant> readyAt, String provisioner) {

        public VmRecord {
            java.util.Objects.requireNonNull(readyAt, "readyAt");
            java.util.Objects.requireNonNull(provisioner, "provisioner");
        }

        /** Without the provisioner that made it (before 1.4): unknown. */
        public VmRecord(String name, long subscriptionId, String owner, Optional<Long> tokenId, String state,
                Instant expiresAt, boolean held, long planId, Optional<Instant> readyAt) {
            this(name, subscriptionId, owner, tokenId, state, expiresAt, held, planId, readyAt, "");
        }

        /** Without the ready time (before 1.2): not ready. */
        public VmRecord(String name, long subscriptionId, String owner, Optional<Long> tokenId, String state,
                Instant expiresAt, boolean held, long planId) {
            this(name, subscriptionId, owner, tokenId, state, expiresAt, held, planId, Optional.empty(), "");
        }

        /** Without the plan (before 1.1). */
        public VmRecord(String name, long subscriptionId, String owner, Optional<Long> tokenId, String state,
                Instant expiresAt, boolean held) {
            this(name, subscriptionId, owner, tokenId, state, expiresAt, held, 0, Optional.empty(), "");
        }

        /** The record as the CLI's {@code --json} and the admin API show it (insertion-ordered). */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("subscription", subscriptionId);
            m.put("state", state);
            m.put("owner", owner);
            m.put("token", tokenId.orElse(null));
            m.put("plan", planId);
            m.put("expires", expiresAt.toString());
            m.put("held", held);
            m.put("ready", readyAt.isPresent());
            m.put("readyAt", readyAt.map(Instant::toString).orElse(null));
            m.put("provisioner", provisioner);
            return m;
        }
    }

    /** All VMs, ordered by name. */
    List<VmRecord> list();

    /** One VM by name. */
    Optional<VmRecord> find(String name);
}
