package org.blockhost.engine.evm.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plan from the wizard answer {@code evm.plans}: comma-separated {@code name:centsPerDay}
 * entries, for example {@code basic:150,pro:500}. The parser fails closed: names are 1–64
 * characters of letters, digits, space, '_' or '-', unique; prices are 1 to 10^9 cents per day.
 */
record PlanSpec(String name, long pricePerDayUsdCents) {
    private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9 _-]{1,64}):([0-9]{1,10})");

    static List<PlanSpec> parse(String answer) {
        if (answer == null || answer.isBlank()) {
            throw new IllegalArgumentException("at least one plan is required (name:centsPerDay)");
        }
        List<PlanSpec> plans = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String entry : answer.split(",", -1)) {
            Matcher m = ENTRY.matcher(entry.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("plan entry '" + entry.trim() + "' is not name:centsPerDay");
            }
            String name = m.group(1).trim();
            long cents = Long.parseLong(m.group(2));
            if (name.isEmpty() || cents < 1 || cents > 1_000_000_000L || !names.add(name)) {
                throw new IllegalArgumentException("plan '" + name + "' has an empty or duplicate name or a price"
                        + " outside 1..10^9 cents");
            }
            plans.add(new PlanSpec(name, cents));
        }
        return plans;
    }
}
