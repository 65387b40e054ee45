package org.blockhost.core.internal.pool;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configured warm-pool size per plan, from {@code sizes} entries {@code planId:count}
 * (count 0..64; 0 or no entry = no pool for that plan). One bad entry rejects all, naming it.
 */
public record PoolSizes(Map<Long, Integer> byPlan) {
    public static final int MAX = 64;

    public PoolSizes {
        byPlan = Collections.unmodifiableMap(new TreeMap<>(byPlan));
    }

    public static PoolSizes parse(String[] entries) {
        Map<Long, Integer> out = new TreeMap<>();
        for (String e : entries == null ? new String[0] : entries) {
            String[] parts = e == null ? new String[0] : e.trim().split(":");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                long plan = Long.parseLong(parts[0].trim());
                int size = Integer.parseInt(parts[1].trim());
                if (plan <= 0 || size < 0 || size > MAX || out.put(plan, size) != null) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException x) {
                throw new IllegalArgumentException("pool size entry '" + e + "' must be planId:count (plan id > 0, once each;"
                        + " count 0.." + MAX + ")");
            }
        }
        return new PoolSizes(out);
    }

    public int of(long planId) {
        return byPlan.getOrDefault(planId, 0);
    }

    /** Whether any plan has a pool. */
    public boolean any() {
        return byPlan.values().stream().anyMatch(n -> n > 0);
    }
}
