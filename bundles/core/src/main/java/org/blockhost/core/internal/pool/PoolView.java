package org.blockhost.core.internal.pool;

import java.util.List;
import java.util.Map;

/** What the operator sees of the warm pool: configured sizes, VMs per plan and state, unassigned VMs. */
public interface PoolView {
    PoolSizes sizes();

    /** Per plan, VMs per state. */
    Map<Long, Map<String, Long>> counts();

    /** Every pool VM not assigned yet, oldest first. */
    List<PoolStore.PoolVm> vms();
}
