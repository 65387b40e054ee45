package org.blockhost.console.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Core's warm pool for the consoles (console API 1.5): per plan, what is wanted and what is there. */
@ProviderType
public interface PoolStatus {

    /**
     * One plan's pool.
     *
     * @param wanted the configured size (0: no pool for this plan)
     * @param ready booted and waiting for a buyer
     * @param filling being made or still booting
     * @param assigning taken by a purchase, being made the buyer's
     * @param assignedToday given to buyers since 00:00 UTC
     * @param elsewhere unassigned VMs a provisioner that is not active made (they wait for it)
     * @param oldest when the oldest unassigned VM of the active provisioner was made; empty when none
     * @param template the template of the newest of those VMs with its build ({@code name} or
     *        {@code name build}); {@code ""} when unknown
     */
    record PlanPool(long planId, int wanted, long ready, long filling, long assigning, long assignedToday, long elsewhere,
            Optional<Instant> oldest, String template) {
        public PlanPool {
            java.util.Objects.requireNonNull(oldest, "oldest");
            java.util.Objects.requireNonNull(template, "template");
        }
    }

    /** Every plan with a configured size or pool VMs, by plan id. */
    List<PlanPool> plans();
}
