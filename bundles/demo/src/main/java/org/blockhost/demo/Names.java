package org.blockhost.demo;

/** VM names and subscription ids: {@code blockhost-NNN} (at least three digits) ↔ NNN. */
public final class Names {
    private Names() {
    }

    /** {@code blockhost-001} for subscription 1. */
    public static String vmName(long subscriptionId) {
        return String.format("blockhost-%03d", subscriptionId);
    }

    /** The subscription id of a VM name ({@code blockhost-NNN}) or of a plain positive number. */
    public static long subscriptionId(String nameOrId) {
        String digits = nameOrId.startsWith("blockhost-") ? nameOrId.substring("blockhost-".length()) : nameOrId;
        if (!digits.matches("[0-9]{1,18}") || Long.parseLong(digits) == 0) {
            throw new DemoException("'" + nameOrId + "' is neither a VM name (blockhost-NNN) nor a subscription id");
        }
        return Long.parseLong(digits);
    }
}
