package org.blockhost.core.internal.funds;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fund manager's settings, checked: revenue shares by role in basis points (together at most
 * 10,000), the role that gets the rest, the host wallet's gas threshold (a decimal in the native
 * coin) and the schedule. Invalid settings are refused with a sentence naming the field.
 */
public record FundSettings(boolean enabled, long intervalMinutes, Map<String, Integer> shares, String remainderRole,
        String gasThreshold, long receiptTimeoutSeconds) {
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,30}(\\.[0-9]{1,36})?");

    public FundSettings {
        shares = Collections.unmodifiableMap(new LinkedHashMap<>(shares));
    }

    /** Parses the configuration; {@code shares} entries are {@code role=basisPoints}. */
    public static FundSettings of(FundsComponent.Config c) {
        return of(c.enabled(), c.intervalMinutes(), c.shares(), c.remainderRole(), c.gasThreshold(),
                c.receiptTimeoutSeconds());
    }

    public static FundSettings of(boolean enabled, long intervalMinutes, String[] shares, String remainderRole,
            String gasThreshold, long receiptTimeoutSeconds) {
        if (intervalMinutes < 5 || intervalMinutes > 525_600) {
            throw new IllegalArgumentException("intervalMinutes must be 5..525600");
        }
        if (receiptTimeoutSeconds < 10 || receiptTimeoutSeconds > 3600) {
            throw new IllegalArgumentException("receiptTimeoutSeconds must be 10..3600");
        }
        String rest = role(remainderRole, "remainderRole");
        if ("host".equals(rest)) {
            throw new IllegalArgumentException("remainderRole cannot be the host wallet itself");
        }
        if (gasThreshold == null || !DECIMAL.matcher(gasThreshold.trim()).matches()) {
            throw new IllegalArgumentException("gasThreshold is a plain decimal in the native coin, e.g. 0.01");
        }
        return new FundSettings(enabled, intervalMinutes, parseShares(shares, rest), rest, gasThreshold.trim(),
                receiptTimeoutSeconds);
    }

    private static Map<String, Integer> parseShares(String[] entries, String rest) {
        Map<String, Integer> out = new LinkedHashMap<>();
        int total = 0;
        for (String entry : entries == null ? new String[0] : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            String[] kv = entry.trim().split("=", -1);
            if (kv.length != 2 || !kv[1].matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException("a share is role=basisPoints, e.g. dev=2500, not '" + entry + "'");
            }
            String role = role(kv[0], "shares");
            int bps = Integer.parseInt(kv[1]);
            if (bps < 1 || bps > 10_000) {
                throw new IllegalArgumentException("share " + role + ": basis points must be 1..10000");
            }
            if ("host".equals(role) || role.equals(rest) || out.put(role, bps) != null) {
                throw new IllegalArgumentException("share " + role + ": each role once, not host, not the remainder role");
            }
            total += bps;
        }
        if (total > 10_000) {
            throw new IllegalArgumentException("shares add up to " + total + " basis points, more than 10000");
        }
        return out;
    }

    private static String role(String role, String field) {
        if (role == null || !ROLE.matcher(role.trim()).matches()) {
            throw new IllegalArgumentException(field + ": a role is 1-32 of a-z 0-9 _ - starting with a letter");
        }
        return role.trim();
    }
}
