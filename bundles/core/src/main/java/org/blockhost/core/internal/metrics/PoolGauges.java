package org.blockhost.core.internal.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.blockhost.core.internal.pool.PoolSizes;
import org.blockhost.core.internal.pool.PoolStore;

/** The warm pool in {@code /metrics}: configured size and VMs per state, per plan. */
final class PoolGauges {
    private static final List<String> STATES = List.of(PoolStore.FILLING, PoolStore.READY, PoolStore.ASSIGNING,
            PoolStore.ASSIGNED);

    private PoolGauges() {
    }

    static void write(PrometheusText text, PoolSizes sizes, Map<Long, Map<String, Long>> counts) {
        TreeSet<Long> plans = new TreeSet<>(sizes.byPlan().keySet());
        plans.addAll(counts.keySet());
        text.family("blockhost_pool_size", "gauge", "Configured warm-pool size per plan (0 = off)");
        for (Long plan : plans) {
            text.sample("blockhost_pool_size", Map.of("plan", plan.toString()), sizes.of(plan));
        }
        text.family("blockhost_pool_vms", "gauge", "Warm-pool VMs per plan and state (assigned: served purchases so far)");
        for (Long plan : plans) {
            Map<String, Long> byState = counts.getOrDefault(plan, Map.of());
            for (String state : STATES) {
                text.sample("blockhost_pool_vms", Map.of("plan", plan.toString(), "state", state), byState.getOrDefault(state, 0L));
            }
        }
    }
}
