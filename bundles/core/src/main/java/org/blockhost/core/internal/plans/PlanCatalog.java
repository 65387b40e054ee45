package org.blockhost.core.internal.plans;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.blockhost.provisioner.api.PlanResources;

/**
 * On-chain plan id to resource profile, parsed from {@code planId:vcpus:memoryMiB:diskGiB}
 * entries. Parsing is all-or-nothing: one bad entry rejects the whole configuration with a
 * message naming the entry, so a typo never silently drops a plan.
 */
public final class PlanCatalog {
    private final Map<Long, PlanResources> plans;

    private PlanCatalog(Map<Long, PlanResources> plans) {
        this.plans = Map.copyOf(plans);
    }

    public static PlanCatalog empty() {
        return new PlanCatalog(Map.of());
    }

    /** Parses entries; throws IllegalArgumentException listing every invalid entry. */
    public static PlanCatalog parse(String[] entries) {
        Map<Long, PlanResources> out = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (String raw : entries == null ? new String[0] : entries) {
            String entry = raw == null ? "" : raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            try {
                String[] parts = entry.split(":", -1);
                if (parts.length != 4) {
                    throw new IllegalArgumentException("expected planId:vcpus:memoryMiB:diskGiB");
                }
                long id = number(parts[0], "plan id");
                if (id <= 0) {
                    throw new IllegalArgumentException("plan id must be positive");
                }
                PlanResources r = new PlanResources((int) number(parts[1], "vcpus"),
                        (int) number(parts[2], "memoryMiB"), (int) number(parts[3], "diskGiB"));
                if (out.putIfAbsent(id, r) != null) {
                    throw new IllegalArgumentException("plan " + id + " defined twice");
                }
            } catch (IllegalArgumentException e) {
                errors.add("'" + entry + "': " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid plan entries: " + String.join("; ", errors));
        }
        return new PlanCatalog(out);
    }

    private static long number(String part, String what) {
        try {
            return Integer.parseInt(part.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: '" + part.strip() + "'");
        }
    }

    public Optional<PlanResources> resources(long planId) {
        return Optional.ofNullable(plans.get(planId));
    }

    /** All plans, by id. */
    public Map<Long, PlanResources> all() {
        return new TreeMap<>(plans);
    }
}
