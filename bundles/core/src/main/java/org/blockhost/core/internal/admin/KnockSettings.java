package org.blockhost.core.internal.admin;

import java.util.Set;
import java.util.TreeSet;

/** What a knock may open: these TCP/UDP ports, for at most {@code maxTtlSeconds} (1..3600). */
record KnockSettings(Set<Integer> ports, int maxTtlSeconds) {
    KnockSettings {
        ports = Set.copyOf(ports);
        if (maxTtlSeconds < 1 || maxTtlSeconds > 3600) {
            throw new IllegalArgumentException("knock max duration must be 1 to 3600 seconds");
        }
    }

    /** A comma-separated port list ({@code "22, 443"}): each 1..65535, at most 16; fails closed. */
    static Set<Integer> parsePorts(String list) {
        Set<Integer> out = new TreeSet<>();
        if (list == null || list.isBlank()) {
            return out;
        }
        for (String p : list.split(",", -1)) {
            String t = p.strip();
            if (!t.matches("[1-9][0-9]{0,4}") || Integer.parseInt(t) > 65535) {
                throw new IllegalArgumentException("not a port (1 to 65535): '" + t + "'");
            }
            out.add(Integer.parseInt(t));
        }
        if (out.size() > 16) {
            throw new IllegalArgumentException("at most 16 ports");
        }
        return out;
    }
}
